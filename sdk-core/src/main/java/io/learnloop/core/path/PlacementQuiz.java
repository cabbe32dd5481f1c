package io.learnloop.core.path;

import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A quiz flagged as the placement quiz of its course: a learner who passes it knows the course, as if they had
 * completed it, for prerequisites and "what next".
 *
 * <p>Thread-safe: immutable record.
 *
 * @param quiz      the quiz
 * @param course    the quiz's course, the one a pass counts as known
 * @param flaggedBy who flagged it
 * @param flaggedAt when
 */
public record PlacementQuiz(QuizId quiz, CourseId course, UserId flaggedBy, Instant flaggedAt) {
}
