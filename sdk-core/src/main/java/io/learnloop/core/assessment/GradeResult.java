package io.learnloop.core.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * The graded result of a submitted attempt.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param score    points earned (exact, scale 4)
 * @param maxScore points possible
 * @param percent  {@code score / maxScore * 100}, scale 2, rounded half-even
 * @param passed   whether {@code percent} reaches the quiz's passing percentage
 * @param feedback per question, in the attempt's order
 */
public record GradeResult(BigDecimal score, int maxScore, BigDecimal percent, boolean passed,
                          List<QuestionFeedback> feedback) {
    /**
     * Copies the feedback.
     *
     * @param score    the score
     * @param maxScore the maximum
     * @param percent  the percentage
     * @param passed   whether passed
     * @param feedback the feedback
     */
    public GradeResult {
        feedback = List.copyOf(feedback);
    }
}
