package io.learnloop.core.practice;

/**
 * Whether a grade may still change.
 *
 * <p>Thread-safe: an enum.
 */
public enum GradeState {
    /** Not every judgement the weights ask for is in; the score shown is what is known so far. */
    PROVISIONAL,
    /** Final: every judgement is in, or the instructor overrode it. Only an appeal changes it. */
    FINAL
}
