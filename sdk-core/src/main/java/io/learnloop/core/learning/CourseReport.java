package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.review.RatingSummary;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a course's learners fare, computed from the store.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId         the course
 * @param enrolments       learners with any progress in the course
 * @param completions      learners who completed it
 * @param funnel           per lesson, in course order
 * @param dropOffLesson    the lesson where most unfinished learners stop, or null when none has stopped
 * @param averageQuizScore the mean percentage of every submitted attempt at the course's quizzes, scale 2, or null
 * @param ratings          the rating summary
 */
public record CourseReport(CourseId courseId, int enrolments, int completions, List<FunnelStep> funnel,
                           LessonId dropOffLesson, BigDecimal averageQuizScore, RatingSummary ratings) {
    /**
     * Copies the funnel.
     *
     * @param courseId         the course
     * @param enrolments       enrolments
     * @param completions      completions
     * @param funnel           the funnel
     * @param dropOffLesson    the drop-off lesson
     * @param averageQuizScore the average quiz score
     * @param ratings          the ratings
     */
    public CourseReport {
        funnel = List.copyOf(funnel);
    }
}
