package io.learnloop.core.assessment;

/**
 * Where an attempt stands.
 *
 * <p>Thread-safe: an enum.
 */
public enum AttemptState {
    /** Started, not yet submitted (it may be past its deadline). */
    IN_PROGRESS,
    /** Submitted and graded. */
    SUBMITTED
}
