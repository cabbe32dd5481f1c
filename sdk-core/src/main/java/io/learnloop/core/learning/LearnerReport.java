package io.learnloop.core.learning;

import io.learnloop.core.identity.UserId;

import java.time.Duration;
import java.util.List;

/**
 * What one learner has done, computed from the store.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner          the learner
 * @param timeSpent        learning time credited (wall-clock time behind accepted coverage, plus article dwell)
 * @param lessonsCompleted lessons completed
 * @param coursesStarted   courses with any progress
 * @param coursesCompleted courses completed
 * @param currentStreak    consecutive UTC days with learning, ending today or yesterday
 * @param longestStreak    the longest run of consecutive UTC days with learning
 * @param quizzes          results per quiz
 * @param certificates     certificates, active and revoked
 */
public record LearnerReport(UserId learner, Duration timeSpent, int lessonsCompleted, int coursesStarted,
                            int coursesCompleted, int currentStreak, int longestStreak, List<QuizOutcome> quizzes,
                            List<CertificateEntry> certificates) {
    /**
     * Copies the lists.
     *
     * @param learner          the learner
     * @param timeSpent        the time spent
     * @param lessonsCompleted lessons completed
     * @param coursesStarted   courses started
     * @param coursesCompleted courses completed
     * @param currentStreak    the current streak
     * @param longestStreak    the longest streak
     * @param quizzes          quiz results
     * @param certificates     certificates
     */
    public LearnerReport {
        quizzes = List.copyOf(quizzes);
        certificates = List.copyOf(certificates);
    }
}
