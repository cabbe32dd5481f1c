package io.learnloop.community.internal.discourse;

import java.io.ByteArrayOutputStream;
import java.util.regex.Pattern;

/**
 * Derives the Discourse username of a host user from the host user id, deterministically, so every call can act as
 * the user through {@code Api-Username} without asking Discourse.
 *
 * <p>The rule. A host id that already is a valid lower-case Discourse username (3 to {@value #MAX_LENGTH}
 * characters of {@code a-z 0-9 _ . -}; starting with a letter, digit or {@code _}; ending with a letter or digit; no
 * two of {@code _ . -} in a row; no file extension Discourse refuses such as {@code .json} or {@code .png}) is used
 * as it is, unless it has the shape of a derived name. Any other id becomes {@code <prefix>-<hash>}:
 * {@code <hash>} is the first 60 bits of the SHA-256 of the id's UTF-8 bytes (a lone surrogate as its own
 * three-byte sequence) as 12 lower-case base32 characters
 * ({@code a-z 2-7}); {@code <prefix>} is up to 7 characters taken from the start of the id, ASCII letters
 * lower-cased, every other character outside {@code a-z 0-9} turned into {@code _}, runs of {@code _} collapsed and
 * {@code _} dropped at both ends ({@code u} if nothing is left). Both kinds fit Discourse's username validator with
 * its default {@code min_username_length} 3 and {@code max_username_length} 20, and no kept id can equal a derived
 * name, so two ids share a username only if their prefixes and 60-bit hashes both collide. Usernames are compared
 * without case in Discourse, which is why only lower-case ids are kept as they are.
 *
 * <p>Thread-safe: stateless.
 */
public final class Usernames {
    /** Discourse's default {@code max_username_length}. */
    public static final int MAX_LENGTH = 20;
    /** Discourse's default {@code min_username_length}. */
    private static final int MIN_LENGTH = 3;
    private static final int PREFIX = 7;
    private static final int HASH_CHARS = 12;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    /** {@code UsernameValidator::CONFUSING_EXTENSIONS}. */
    private static final Pattern CONFUSING_SUFFIX =
            Pattern.compile("\\.(js|json|css|htm|html|xml|jpg|jpeg|png|gif|bmp|ico|tif|tiff|woff)$");
    private static final Pattern DERIVED = Pattern.compile("(?:[a-z0-9]+(?:_[a-z0-9]+)*|u)-[a-z2-7]{12}");

    private Usernames() {
    }

    /**
     * The Discourse username of a host user id.
     *
     * @param hostId the host user id
     * @return a valid username, the id itself when it already is one
     */
    public static String of(String hostId) {
        return keepsAsIs(hostId) ? hostId : derive(hostId);
    }

    /**
     * Whether a username has the shape of a derived one (and so may stand for a host id that differs from it).
     *
     * @param username a Discourse username
     * @return true for {@code <prefix>-<hash>}
     */
    public static boolean isDerived(String username) {
        return username != null && username.length() <= MAX_LENGTH && DERIVED.matcher(username).matches();
    }

    private static boolean keepsAsIs(String id) {
        if (id.length() < MIN_LENGTH || id.length() > MAX_LENGTH || isDerived(id)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean special = c == '_' || c == '.' || c == '-';
            if (!(isLowerAlnum(c) || special)) {
                return false;
            }
            if (special && i > 0 && isSpecial(id.charAt(i - 1))) {
                return false;
            }
        }
        char first = id.charAt(0);
        char last = id.charAt(id.length() - 1);
        return (isLowerAlnum(first) || first == '_') && isLowerAlnum(last) && !CONFUSING_SUFFIX.matcher(id).find();
    }

    private static String derive(String id) {
        StringBuilder prefix = new StringBuilder(PREFIX);
        for (int i = 0; i < id.length() && prefix.length() < PREFIX; i++) {
            char c = id.charAt(i);
            char mapped = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : isLowerAlnum(c) ? c : '_';
            boolean separator = mapped == '_';
            if (separator && (prefix.length() == 0 || prefix.charAt(prefix.length() - 1) == '_')) {
                continue;
            }
            prefix.append(mapped);
        }
        while (prefix.length() > 0 && prefix.charAt(prefix.length() - 1) == '_') {
            prefix.setLength(prefix.length() - 1);
        }
        return (prefix.length() == 0 ? "u" : prefix.toString()) + "-" + hash(id);
    }

    private static String hash(String id) {
        byte[] digest = Sha256.digest(utf8(id));
        long bits = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        StringBuilder out = new StringBuilder(HASH_CHARS);
        for (int i = 0; i < HASH_CHARS; i++) {
            out.append(BASE32.charAt((int) ((bits >>> (59 - 5 * i)) & 0x1F)));
        }
        return out.toString();
    }

    /**
     * The id's UTF-8 bytes. A lone surrogate, which UTF-8 cannot carry and a plain encoder would replace with
     * {@code ?}, is written as its own three-byte sequence, so distinct ids never share bytes.
     */
    private static byte[] utf8(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(id.length() * 3);
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | (cp >> 6));
                out.write(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            }
        }
        return out.toByteArray();
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isSpecial(char c) {
        return c == '_' || c == '.' || c == '-';
    }
}
