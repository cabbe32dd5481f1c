package io.learnloop.core.learning;

import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.catalog.CourseId;

import java.math.BigDecimal;

/**
 * A learner's results on one quiz, for reports.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param quizId      the quiz
 * @param courseId    its course
 * @param attempts    attempts started
 * @param bestPercent the best submitted score in percent, or null before any submission
 * @param passed      whether any attempt passed
 */
public record QuizOutcome(QuizId quizId, CourseId courseId, int attempts, BigDecimal bestPercent, boolean passed) {
}
