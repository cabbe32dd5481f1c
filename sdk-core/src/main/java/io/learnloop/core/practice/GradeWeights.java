package io.learnloop.core.practice;

/**
 * How much each kind of judgement counts in a final grade, in basis points summing to {@value Rubric#FULL}. A kind
 * with weight zero is not asked for: a grade becomes final once every kind with a weight is in.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param peerBp       the calibration-weighted mean of the peer reviews
 * @param selfBp       the learner's self-assessment
 * @param instructorBp the instructor's review
 */
public record GradeWeights(int peerBp, int selfBp, int instructorBp) {
    /**
     * Peer reviews only.
     *
     * @return 10,000 / 0 / 0
     */
    public static GradeWeights peerOnly() {
        return new GradeWeights(Rubric.FULL, 0, 0);
    }
}
