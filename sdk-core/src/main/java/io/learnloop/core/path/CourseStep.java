package io.learnloop.core.path;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;

import java.util.List;

/**
 * One course as it stands for a learner.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course         the course
 * @param state          known, ready or blocked
 * @param knownBy        why it is known, or null unless {@link StepState#KNOWN}
 * @param missing        when blocked, its direct prerequisites the learner does not know, sorted by id; else empty
 *                       (copied)
 * @param readyLessons   when ready, the lessons not yet completed whose prerequisites are all met, in course order;
 *                       else empty (copied)
 * @param blockedLessons when ready, the lessons not yet completed that wait for a prerequisite lesson, in course
 *                       order; else empty (copied)
 */
public record CourseStep(CourseId course, StepState state, KnownBy knownBy, List<CourseId> missing,
                         List<LessonId> readyLessons, List<BlockedLesson> blockedLessons) {
    /**
     * Copies.
     *
     * @param course         the course
     * @param state          the state
     * @param knownBy        why known
     * @param missing        missing prerequisites
     * @param readyLessons   ready lessons
     * @param blockedLessons blocked lessons
     */
    public CourseStep {
        missing = List.copyOf(missing);
        readyLessons = List.copyOf(readyLessons);
        blockedLessons = List.copyOf(blockedLessons);
    }
}
