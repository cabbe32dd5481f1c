package io.learnloop.community;

/**
 * What a moderator does with a reported post.
 *
 * <p>Thread-safe: an enum.
 */
public enum ModerationAction {
    /** Hide the post (restorable). */
    HIDE,
    /** Remove the post (restorable by {@link Community#restore}). */
    REMOVE,
    /** Keep the post and close the report. */
    DISMISS
}
