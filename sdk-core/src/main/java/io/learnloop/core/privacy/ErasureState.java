package io.learnloop.core.privacy;

/**
 * Where a learner's erasure stands: {@code REQUESTED -> IN_PROGRESS -> DONE}. A request that stopped midway stays
 * {@code IN_PROGRESS} until it is asked again, and then resumes at the step it was in.
 *
 * <p>Thread-safe: an enum.
 */
public enum ErasureState {
    /** Accepted: nothing stood in the way; no step has run yet. */
    REQUESTED,
    /** Steps are running, or ran partly and stopped. */
    IN_PROGRESS,
    /** Every step ran to its end: nothing identifies the learner any more. */
    DONE
}
