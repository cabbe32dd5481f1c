package io.learnloop.payment;

import io.learnloop.core.error.ValidationException;

import java.nio.charset.StandardCharsets;

/**
 * A secret value (API key, webhook secret, APIv3 key) that never shows itself in {@link #toString()}, logs or
 * exception messages. Equality is by identity so that secrets are never compared by accident in non-constant time.
 *
 * <p>Thread-safe: immutable; {@link #bytes()} returns a copy.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    /**
     * Wraps a secret text (stored as UTF-8).
     *
     * @param value the secret; not blank
     * @return the secret
     * @throws ValidationException if the text is blank
     */
    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw ValidationException.of("secret", "must not be blank");
        }
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The secret's bytes.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
        return value.clone();
    }

    /**
     * The secret as text; call only where the protocol needs it (for example an {@code Authorization} header).
     *
     * @return the text
     */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The secret's length in bytes.
     *
     * @return the length
     */
    public int length() {
        return value.length;
    }

    /**
     * Wipes nothing and reveals nothing.
     *
     * @return {@code "Secret[redacted]"}
     */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }

    /**
     * Whether this is the same instance.
     *
     * @param o the other object
     * @return identity equality
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /**
     * Whether two secrets hold the same bytes (constant time).
     *
     * @param other the other secret
     * @return true if the bytes are equal
     */
    public boolean sameValue(Secret other) {
        return other != null && java.security.MessageDigest.isEqual(value, other.value);
    }

}
