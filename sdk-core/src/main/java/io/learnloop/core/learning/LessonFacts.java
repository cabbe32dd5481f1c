package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * What the learning records need to know about a lesson.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lessonId the lesson
 * @param courseId the course it belongs to
 * @param kind     how it is consumed
 * @param duration its media length (video, audio) or estimated reading time (article); zero when unknown
 * @param required whether the course's completion rule requires it
 */
public record LessonFacts(LessonId lessonId, CourseId courseId, LessonKind kind, Duration duration, boolean required) {
    /**
     * Validates.
     *
     * @param lessonId the lesson
     * @param courseId the course
     * @param kind     the kind
     * @param duration the duration, not negative
     * @param required whether required
     */
    public LessonFacts {
        new Validator()
                .notNull("lessonId", lessonId)
                .notNull("courseId", courseId)
                .notNull("kind", kind)
                .notNull("duration", duration)
                .check(duration == null || !duration.isNegative(), "duration", "must not be negative")
                .check(duration == null || !kind.isMedia() || !duration.isZero(), "duration",
                        "must be positive for a video or audio lesson")
                .throwIfInvalid();
    }
}
