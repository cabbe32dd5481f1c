package io.learnloop.core.assessment;

import java.time.Instant;
import java.util.List;

/**
 * The learner-facing view of one attempt. Safe to send to a browser: it holds no answer and no hint of one.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param attemptId      the attempt, to submit against
 * @param quizId         the quiz
 * @param title          the quiz's title
 * @param attemptNumber  1 for the first attempt
 * @param startedAt      when the attempt started
 * @param deadline       when it must be submitted by, or null without a time limit
 * @param passingPercent the percentage that passes
 * @param questions      the drawn questions, in this attempt's order
 */
public record QuizView(AttemptId attemptId, QuizId quizId, String title, int attemptNumber, Instant startedAt,
                       Instant deadline, int passingPercent, List<QuestionView> questions) {
    /**
     * Copies the questions.
     *
     * @param attemptId      the attempt
     * @param quizId         the quiz
     * @param title          the title
     * @param attemptNumber  the number
     * @param startedAt      when started
     * @param deadline       the deadline
     * @param passingPercent the passing percentage
     * @param questions      the questions
     */
    public QuizView {
        questions = List.copyOf(questions);
    }
}
