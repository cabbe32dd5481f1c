package io.learnloop.community;

/**
 * A member's role in a study group.
 *
 * <p>Thread-safe: an enum.
 */
public enum GroupRole {
    /** Runs the group: invites, changes roles. */
    OWNER,
    /** Takes part. */
    MEMBER
}
