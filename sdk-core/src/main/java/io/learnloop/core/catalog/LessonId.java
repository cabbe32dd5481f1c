package io.learnloop.core.catalog;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a lesson; stable across course versions.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record LessonId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public LessonId {
        Identifier.check("lessonId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static LessonId of(String value) {
        return new LessonId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
