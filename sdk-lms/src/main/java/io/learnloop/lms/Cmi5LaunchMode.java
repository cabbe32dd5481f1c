package io.learnloop.lms;

/**
 * How an assignable unit is launched (cmi5 section 10, {@code launchMode}): only {@link #Normal} launches may record
 * completion, pass or fail.
 *
 * <p>Thread-safe: enum.
 */
public enum Cmi5LaunchMode {
    /** The AU records completion-related statements. */
    Normal,
    /** The learner looks around; only {@code initialized} and {@code terminated} are accepted. */
    Browse,
    /** The learner revisits completed material; only {@code initialized} and {@code terminated} are accepted. */
    Review
}
