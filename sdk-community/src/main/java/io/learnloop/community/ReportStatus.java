package io.learnloop.community;

/**
 * Where a report stands in the moderation queue.
 *
 * <p>Thread-safe: an enum.
 */
public enum ReportStatus {
    /** Waiting for a moderator. */
    PENDING,
    /** A moderator agreed and acted on the post. */
    ACTIONED,
    /** A moderator dismissed it. */
    DISMISSED
}
