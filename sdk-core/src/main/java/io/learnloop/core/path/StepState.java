package io.learnloop.core.path;

/**
 * Where a learner stands with one course or lesson.
 *
 * <p>Thread-safe: an enum.
 */
public enum StepState {
    /** Already known: completed, certified or placed out of. */
    KNOWN,
    /** Not known, and every prerequisite is: the learner can take it now. */
    READY,
    /** Not known, and at least one prerequisite is not known either. */
    BLOCKED
}
