package io.learnloop.core.assessment;

/**
 * How one answer was judged.
 *
 * <p>Thread-safe: an enum.
 */
public enum Outcome {
    /** Full points. */
    CORRECT,
    /** Some points (multiple choice under a partial-credit rule). */
    PARTIAL,
    /** No points. */
    WRONG,
    /** Not answered. */
    UNANSWERED
}
