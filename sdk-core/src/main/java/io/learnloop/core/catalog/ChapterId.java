package io.learnloop.core.catalog;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a chapter of a course; stable across course versions.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record ChapterId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public ChapterId {
        Identifier.check("chapterId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static ChapterId of(String value) {
        return new ChapterId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
