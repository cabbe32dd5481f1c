package io.learnloop.core.internal.learning;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A course's learning funnel as {@link CourseStats} keeps it: what a course report needs, read from a few counters
 * instead of every learner's progress.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param enrolments     learners who started the course
 * @param completions    learners who completed it
 * @param started        lesson id to learners who opened it
 * @param completed      lesson id to learners who completed it
 * @param stopped        lesson id to learners who completed some lessons and whose first lesson not done is this
 *                       one (learners who completed none stop at the first lesson; the report adds them there)
 * @param quizPercentSum the sum of the percentages of submitted quiz attempts of the course
 * @param quizzesGraded  how many attempts were submitted
 */
record CourseFunnel(long enrolments, long completions, Map<String, Long> started, Map<String, Long> completed,
                    Map<String, Long> stopped, BigDecimal quizPercentSum, long quizzesGraded) {
    /**
     * Copies the maps.
     *
     * @param enrolments     enrolments
     * @param completions    completions
     * @param started        started
     * @param completed      completed
     * @param stopped        stopped
     * @param quizPercentSum quiz percentages
     * @param quizzesGraded  graded attempts
     */
    CourseFunnel {
        started = Map.copyOf(started);
        completed = Map.copyOf(completed);
        stopped = Map.copyOf(stopped);
    }
}
