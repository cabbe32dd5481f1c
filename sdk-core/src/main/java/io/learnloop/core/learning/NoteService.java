package io.learnloop.core.learning;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.DefaultNoteService;

import java.util.List;

/**
 * Learners' notes: anchored to a media time or a text range, Markdown, private or shared with the course's community.
 *
 * <p>Thread-safe.
 */
public interface NoteService {
    /** The longest note accepted, in characters. */
    int MAX_MARKDOWN = 20_000;

    /**
     * Creates the service.
     *
     * @param context the facade's context
     * @param catalog lesson facts
     * @return the service
     */
    static NoteService create(ServiceContext context, LessonCatalog catalog) {
        return new DefaultNoteService(context, catalog);
    }

    /**
     * Writes a note.
     *
     * @param learner the author
     * @param lesson  the lesson
     * @param draft   the note
     * @return the stored note
     * @throws io.learnloop.core.error.ValidationException naming each bad field (unknown lesson, empty or oversized
     *                                                     text, anchor outside the lesson); nothing is stored
     */
    Note add(UserId learner, LessonId lesson, NoteDraft draft);

    /**
     * Edits one of the learner's notes.
     *
     * @param learner the author
     * @param note    the note
     * @param draft   the new content
     * @return the stored note
     * @throws io.learnloop.core.error.ForbiddenException if the note is someone else's
     */
    Note edit(UserId learner, NoteId note, NoteDraft draft);

    /**
     * Deletes one of the learner's notes.
     *
     * @param learner the author
     * @param note    the note
     */
    void delete(UserId learner, NoteId note);

    /**
     * The learner's notes, by course, lesson and anchor.
     *
     * @param learner the author
     * @return the notes
     */
    List<Note> list(UserId learner);

    /**
     * The reader's own notes on a lesson, shared or not.
     *
     * @param reader the reader
     * @param lesson the lesson
     * @return the notes, by anchor
     */
    List<Note> onLesson(UserId reader, LessonId lesson);

    /**
     * One page of the notes learners shared on a lesson, by anchor (then the time they were written).
     *
     * @param lesson the lesson
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<Note> sharedOn(LessonId lesson, String cursor, int limit);

    /**
     * Searches the learner's notes: every word of the query must occur (ignoring case).
     *
     * @param learner the author
     * @param query   words to find
     * @return matching notes
     */
    List<Note> search(UserId learner, String query);

    /**
     * Exports the learner's notes on a course as one Markdown document, headed by lesson, each note under its anchor.
     *
     * @param learner the author
     * @param course  the course
     * @return the Markdown text
     */
    String exportMarkdown(UserId learner, CourseId course);
}
