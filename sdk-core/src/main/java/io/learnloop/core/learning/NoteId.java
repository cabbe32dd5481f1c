package io.learnloop.core.learning;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a note.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record NoteId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public NoteId {
        Identifier.check("noteId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
