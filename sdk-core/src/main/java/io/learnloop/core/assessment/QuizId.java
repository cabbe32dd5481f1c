package io.learnloop.core.assessment;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a quiz.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record QuizId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public QuizId {
        Identifier.check("quizId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static QuizId of(String value) {
        return new QuizId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
