package io.learnloop.core.learning;

/**
 * Who may read a note.
 *
 * <p>Thread-safe: an enum.
 */
public enum NoteVisibility {
    /** Only its author. */
    PRIVATE,
    /** Its author and the course's community. */
    SHARED
}
