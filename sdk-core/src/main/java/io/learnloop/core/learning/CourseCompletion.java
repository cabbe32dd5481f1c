package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;

/**
 * How far a learner is through a course.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId         the course
 * @param completedLessons lessons completed
 * @param totalLessons     lessons in the course
 * @param requiredDone     required lessons completed
 * @param requiredTotal    required lessons in the course (every lesson when none is marked required)
 * @param percent          completed lessons as a whole percentage of all lessons, rounded down
 * @param completed        whether every required lesson is complete
 */
public record CourseCompletion(CourseId courseId, int completedLessons, int totalLessons, int requiredDone,
                               int requiredTotal, int percent, boolean completed) {
    /**
     * The completed share of all lessons.
     *
     * @return between 0 and 1
     */
    public double share() {
        return totalLessons == 0 ? 0 : (double) completedLessons / totalLessons;
    }
}
