package io.learnloop.core.path;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a learning path.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record PathId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public PathId {
        Identifier.check("pathId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
