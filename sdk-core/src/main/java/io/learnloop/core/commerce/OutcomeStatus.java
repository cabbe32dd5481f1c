package io.learnloop.core.commerce;

/**
 * Where the outcome of one pay-per-outcome order line stands. {@link #PENDING} until the scheduled job evaluates it
 * at the deadline; every other state is final.
 *
 * <p>Thread-safe: an enum.
 */
public enum OutcomeStatus {
    /** Not decided yet: the deadline has not passed, or the job has not run since. */
    PENDING,
    /** The learner passed (held the course's certificate) by the deadline. */
    PASSED,
    /** The learner completed the required lessons by the deadline but did not pass. */
    COMPLETED_NOT_PASSED,
    /** The learner had not completed the required lessons by the deadline. */
    NOT_COMPLETED,
    /** The line was refunded in full before the deadline, so there was nothing left to decide. */
    VOID
}
