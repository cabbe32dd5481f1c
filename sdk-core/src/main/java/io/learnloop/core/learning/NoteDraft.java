package io.learnloop.core.learning;

/**
 * The editable part of a note.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param anchor     where in the lesson it belongs
 * @param markdown   the text, Markdown, at most {@value NoteService#MAX_MARKDOWN} characters
 * @param visibility who may read it
 */
public record NoteDraft(NoteAnchor anchor, String markdown, NoteVisibility visibility) {
}
