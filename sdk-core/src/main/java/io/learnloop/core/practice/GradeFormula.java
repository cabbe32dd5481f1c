package io.learnloop.core.practice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The documented arithmetic of practice grades, in basis points of the full grade ({@value Rubric#FULL}). Every
 * division rounds half up to a whole basis point.
 *
 * <ol>
 *   <li>A review's score: {@code Σ weight(c) × points(c) / maxPoints(c)} over the rubric's criteria.</li>
 *   <li>A calibration grading's accuracy: {@code 10,000 − Σ weight(c) × |points(c) − reference(c)| / maxPoints(c)},
 *       that is one minus the weighted mean absolute error relative to each criterion's maximum. A reviewer's
 *       weight is the mean accuracy of their calibration gradings (10,000 when the assignment asks for none).</li>
 *   <li>The peer score: the mean of the peer reviews' scores, each weighted by its reviewer's weight (a plain mean
 *       when every weight is zero).</li>
 *   <li>The combined score: {@code (W_peer × peer + W_self × self + W_instructor × instructor) / ΣW} over the kinds
 *       present; a grade is final once every kind with a weight above zero is present.</li>
 *   <li>The late penalty: {@code min(10,000, daysLate × penaltyBpPerDay)}, taken as a share of the combined score:
 *       {@code combined × (10,000 − penalty) / 10,000}.</li>
 *   <li>An instructor's override is the grade as given: no weights and no penalty.</li>
 * </ol>
 *
 * <p>Thread-safe: stateless.
 */
public final class GradeFormula {
    private static final int FULL = Rubric.FULL;

    private GradeFormula() {
    }

    /**
     * A score and the weight it counts with.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param scoreBp  the score, 0 to 10,000
     * @param weightBp the weight, 0 to 10,000
     */
    public record Weighted(int scoreBp, int weightBp) {
    }

    /**
     * A review's score (step 1). Criteria missing from {@code points} count as zero points.
     *
     * @param rubric the rubric
     * @param points points per criterion key, each 0 to the criterion's maximum
     * @return the score, 0 to 10,000
     */
    public static int score(Rubric rubric, Map<String, Integer> points) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Criterion c : rubric.criteria()) {
            long p = points.getOrDefault(c.key(), 0);
            sum = sum.add(BigDecimal.valueOf((long) c.weightBp() * p)
                    .divide(BigDecimal.valueOf(c.maxPoints()), 12, RoundingMode.HALF_UP));
        }
        return clamp(sum.setScale(0, RoundingMode.HALF_UP).intValueExact());
    }

    /**
     * How close a calibration grading came to the instructor's reference (step 2).
     *
     * @param rubric    the rubric
     * @param reference the instructor's points per criterion key
     * @param given     the reviewer's points per criterion key
     * @return the accuracy, 0 (as far off as possible) to 10,000 (exactly the reference)
     */
    public static int accuracy(Rubric rubric, Map<String, Integer> reference, Map<String, Integer> given) {
        BigDecimal error = BigDecimal.ZERO;
        for (Criterion c : rubric.criteria()) {
            long diff = Math.abs((long) given.getOrDefault(c.key(), 0) - reference.getOrDefault(c.key(), 0));
            error = error.add(BigDecimal.valueOf(c.weightBp() * diff)
                    .divide(BigDecimal.valueOf(c.maxPoints()), 12, RoundingMode.HALF_UP));
        }
        return clamp(FULL - error.setScale(0, RoundingMode.HALF_UP).intValueExact());
    }

    /**
     * A reviewer's weight from their calibration accuracies (step 2).
     *
     * @param accuracies the accuracy of each calibration grading
     * @return their mean, or 10,000 when there are none
     */
    public static int reviewerWeight(List<Integer> accuracies) {
        if (accuracies.isEmpty()) {
            return FULL;
        }
        long sum = 0;
        for (int a : accuracies) {
            sum += a;
        }
        return clamp(roundDiv(sum, accuracies.size()));
    }

    /**
     * The peer score (step 3).
     *
     * @param reviews each peer review's score with its reviewer's weight
     * @return the weighted mean, or null when there are no reviews
     */
    public static Integer peer(List<Weighted> reviews) {
        if (reviews.isEmpty()) {
            return null;
        }
        long num = 0;
        long den = 0;
        long plain = 0;
        for (Weighted r : reviews) {
            num += (long) r.scoreBp() * r.weightBp();
            den += r.weightBp();
            plain += r.scoreBp();
        }
        return clamp(den == 0 ? roundDiv(plain, reviews.size()) : roundDiv(num, den));
    }

    /**
     * The combined score (step 4).
     *
     * @param weights    the assignment's weights
     * @param peer       the peer score, or null
     * @param self       the self-assessment's score, or null
     * @param instructor the instructor review's score, or null
     * @return the weighted mean over the kinds present with a weight above zero, or null when none is
     */
    public static Integer combine(GradeWeights weights, Integer peer, Integer self, Integer instructor) {
        long num = 0;
        long den = 0;
        int[][] parts = {{weights.peerBp(), peer == null ? -1 : peer}, {weights.selfBp(), self == null ? -1 : self},
                {weights.instructorBp(), instructor == null ? -1 : instructor}};
        for (int[] part : parts) {
            if (part[0] > 0 && part[1] >= 0) {
                num += (long) part[0] * part[1];
                den += part[0];
            }
        }
        return den == 0 ? null : clamp(roundDiv(num, den));
    }

    /**
     * The late penalty (step 5).
     *
     * @param late     the late policy
     * @param daysLate started days late
     * @return the penalty, 0 to 10,000
     */
    public static int penalty(LatePolicy late, int daysLate) {
        return (int) Math.min(FULL, (long) Math.max(0, daysLate) * Math.max(0, late.penaltyBpPerDay()));
    }

    /**
     * The grade: the override if there is one, else the combined score less the late penalty (steps 5 and 6).
     *
     * @param combined   the combined score
     * @param penaltyBp  the late penalty
     * @param overrideBp the instructor's override, or null
     * @return the grade, 0 to 10,000
     */
    public static int grade(int combined, int penaltyBp, Integer overrideBp) {
        if (overrideBp != null) {
            return clamp(overrideBp);
        }
        return clamp(roundDiv((long) clamp(combined) * (FULL - clamp(penaltyBp)), FULL));
    }

    /**
     * A grade in rubric points, rounded half up to two decimals.
     *
     * @param scoreBp  the grade
     * @param maxTotal the rubric's total points
     * @return the points
     */
    public static BigDecimal points(int scoreBp, int maxTotal) {
        return BigDecimal.valueOf((long) scoreBp * maxTotal).divide(BigDecimal.valueOf(FULL), 2, RoundingMode.HALF_UP);
    }

    private static long roundDiv(long num, long den) {
        return (2 * num + den) / (2 * den);
    }

    private static int clamp(long bp) {
        return (int) Math.max(0, Math.min(FULL, bp));
    }
}
