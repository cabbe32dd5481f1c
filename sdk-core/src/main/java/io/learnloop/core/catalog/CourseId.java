package io.learnloop.core.catalog;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a course (all its versions).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record CourseId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public CourseId {
        Identifier.check("courseId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static CourseId of(String value) {
        return new CourseId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
