package io.learnloop.core.internal.learning;

import io.learnloop.core.catalog.CourseId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One stripe of a course's learning funnel, kept up to date as learners progress, so a course report reads a few
 * records instead of every learner's progress. A learner always counts in the same stripe.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id             course id and stripe
 * @param course         the course
 * @param stripe         the stripe number
 * @param enrolments     learners who started the course
 * @param completions    learners who completed it
 * @param started        lesson id to learners who opened it
 * @param completed      lesson id to learners who completed it
 * @param stopped        lesson id to learners who completed some lessons and whose first lesson not done is this
 *                       one (learners who completed none stop at the first lesson; the report adds them there)
 * @param quizPercentSum the sum of the percentages of submitted quiz attempts of the course
 * @param quizzesGraded  how many attempts were submitted
 * @param updatedAt      when it last changed
 */
public record CourseStatsStripe(String id, CourseId course, int stripe, long enrolments, long completions,
                                Map<String, Long> started, Map<String, Long> completed, Map<String, Long> stopped,
                                BigDecimal quizPercentSum, long quizzesGraded, Instant updatedAt) {
    /**
     * Copies the maps.
     *
     * @param id             id
     * @param course         course
     * @param stripe         stripe
     * @param enrolments     enrolments
     * @param completions    completions
     * @param started        started
     * @param completed      completed
     * @param stopped        stopped
     * @param quizPercentSum quiz percentages
     * @param quizzesGraded  graded attempts
     * @param updatedAt      last change
     */
    public CourseStatsStripe {
        started = Map.copyOf(started);
        completed = Map.copyOf(completed);
        stopped = Map.copyOf(stopped);
    }
}
