package io.learnloop.community;

import io.learnloop.community.internal.discourse.Usernames;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * The Discourse username the SDK gives a host user, derived from the host user id so that any id works, including
 * ids Discourse would refuse as usernames (a 36-character UUID, an email address, upper-case letters). The account
 * stays matched by the host id itself ({@code external_id}); a host that runs its own DiscourseConnect login
 * handshake must send this username too, so the account created at first login is the one the SDK acts as.
 *
 * <p>The rule: an id that already is a valid lower-case Discourse username (3 to 20 characters of
 * {@code a-z 0-9 _ . -}, starting with a letter, digit or {@code _}, ending with a letter or digit, no two of
 * {@code _ . -} in a row, no file extension such as {@code .json} or {@code .png} at the end) is kept as it is.
 * Any other id becomes {@code <prefix>-<hash>}: up to 7 characters from the start of the id (ASCII letters
 * lower-cased, anything else outside {@code a-z 0-9} as {@code _}, repeated and outer {@code _} dropped, {@code u}
 * if nothing is left), a hyphen, and 12 base32 characters ({@code a-z 2-7}) of the id's SHA-256. For example
 * {@code 3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b} becomes {@code 3f2a9c1-} and 12 hash characters. Every result is at
 * most 20 characters, so the site's {@code max_username_length} must stay at least 20 (the default).
 *
 * <p>Thread-safe: stateless.
 */
public final class DiscourseUsernames {
    /** The longest username derived; Discourse's default {@code max_username_length}. */
    public static final int MAX_LENGTH = Usernames.MAX_LENGTH;

    private DiscourseUsernames() {
    }

    /**
     * The Discourse username of a host user.
     *
     * @param user the host user id
     * @return the username, deterministic for the id
     * @throws io.learnloop.core.error.ValidationException if the id is null
     */
    public static String of(UserId user) {
        new Validator().notNull("user", user).throwIfInvalid();
        return Usernames.of(user.value());
    }
}
