package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * One learner's progress in one course, as stored: which lessons are complete and whether the course is.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id               {@code learner|course}
 * @param learner          the learner
 * @param courseId         the course
 * @param completedLessons the completed lessons, in completion order
 * @param startedAt        when the learner first made progress
 * @param completedAt      when every required lesson was complete, or null
 * @param updatedAt        when this record last changed
 */
public record CourseProgress(String id, UserId learner, CourseId courseId, List<LessonId> completedLessons,
                             Instant startedAt, Instant completedAt, Instant updatedAt) {
    /**
     * Copies the list.
     *
     * @param id               the id
     * @param learner          the learner
     * @param courseId         the course
     * @param completedLessons the completed lessons
     * @param startedAt        when started
     * @param completedAt      when completed
     * @param updatedAt        when updated
     */
    public CourseProgress {
        completedLessons = completedLessons == null ? List.of() : List.copyOf(completedLessons);
    }

    /**
     * The store id of a learner's progress in a course.
     *
     * @param learner the learner
     * @param course  the course
     * @return the id
     */
    public static String idOf(UserId learner, CourseId course) {
        return learner.value() + "|" + course.value();
    }
}
