package io.learnloop.core.assessment;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies one attempt at a quiz.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record AttemptId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public AttemptId {
        Identifier.check("attemptId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static AttemptId of(String value) {
        return new AttemptId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
