package io.learnloop.core.learning;

import io.learnloop.core.catalog.LessonId;

/**
 * One lesson of a course's completion funnel.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lessonId  the lesson
 * @param started   learners with any progress in it
 * @param completed learners who completed it
 * @param stopped   enrolled learners for whom it is the first lesson, in course order, they have not completed
 */
public record FunnelStep(LessonId lessonId, int started, int completed, int stopped) {
}
