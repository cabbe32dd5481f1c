package io.learnloop.core.practice;

/**
 * Who judged a submission, which decides how the judgement counts.
 *
 * <p>Thread-safe: an enum.
 */
public enum ReviewKind {
    /** A peer's review, weighted by the reviewer's calibration accuracy. */
    PEER,
    /** A reviewer's grading of a calibration submission, compared with the instructor's reference scores. */
    CALIBRATION,
    /** The learner's own assessment of their work. */
    SELF,
    /** The instructor's review. */
    INSTRUCTOR
}
