package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A learner's note on a lesson, in Markdown.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the note
 * @param learner    its author
 * @param lessonId   the lesson
 * @param courseId   the lesson's course
 * @param anchor     where in the lesson it belongs
 * @param markdown   the text, Markdown
 * @param visibility who may read it
 * @param createdAt  when written
 * @param updatedAt  when last edited
 */
public record Note(NoteId id, UserId learner, LessonId lessonId, CourseId courseId, NoteAnchor anchor, String markdown,
                   NoteVisibility visibility, Instant createdAt, Instant updatedAt) {
}
