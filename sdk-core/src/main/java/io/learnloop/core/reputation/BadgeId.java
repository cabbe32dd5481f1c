package io.learnloop.core.reputation;

import io.learnloop.core.identity.Identifier;

/**
 * The id of a {@link Badge}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record BadgeId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public BadgeId {
        Identifier.check("badge", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static BadgeId of(String value) {
        return new BadgeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
