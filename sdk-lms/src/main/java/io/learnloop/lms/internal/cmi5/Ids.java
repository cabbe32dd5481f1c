package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids, secrets and digests of the cmi5 LMS: store ids hashed from their natural parts (fixed length, no separator
 * collisions), random UUIDs for registrations, sessions and the LMS's statements, and random secrets for fetch keys
 * and auth-tokens (never from the facade's id generator, which tests make predictable).
 *
 * <p>Thread-safe: static functions only ({@link SecureRandom} is thread-safe).
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static String hash(String... parts) {
        MessageDigest sha = sha256();
        for (String part : parts) {
            byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            // the length first: ("ab", "c") and ("a", "bc") hash differently
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String digest(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A UUID (cmi5 and xAPI want UUIDs for registrations, sessions and statement ids) drawn from the facade's id
     * generator, so a host's generator, and a test's seeded one, decides it.
     */
    static String uuid(ServiceContext context) {
        return UUID.nameUUIDFromBytes(("cmi5:" + context.newId()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static boolean isUuid(Object value) {
        return value instanceof String s && UUID_PATTERN.matcher(s).matches();
    }

    /** 32 random bytes, URL-safe. */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
