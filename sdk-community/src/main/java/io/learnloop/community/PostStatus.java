package io.learnloop.community;

/**
 * Moderation state of a post.
 *
 * <p>Thread-safe: an enum.
 */
public enum PostStatus {
    /** Shown to everyone who can read the space. */
    VISIBLE,
    /** Hidden by a moderator; shown to moderators only. */
    HIDDEN,
    /** Removed by a moderator; shown to moderators only and restorable. */
    REMOVED
}
