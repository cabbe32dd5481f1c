package io.learnloop.core.review;

/**
 * A review's moderation state.
 *
 * <p>Thread-safe: an enum.
 */
public enum ReviewState {
    /** Shown and counted. */
    VISIBLE,
    /** Hidden by a moderator pending a decision; not shown, not counted. */
    HIDDEN,
    /** Removed by a moderator with a reason; not shown, not counted, no longer editable. */
    REMOVED
}
