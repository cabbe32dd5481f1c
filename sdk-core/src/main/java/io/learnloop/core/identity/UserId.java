package io.learnloop.core.identity;

/**
 * A host user: a learner, creator, reviewer, moderator or admin. Identity belongs to the host.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record UserId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public UserId {
        Identifier.check("user", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
