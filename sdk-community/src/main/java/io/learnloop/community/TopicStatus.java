package io.learnloop.community;

/**
 * Whether a topic takes replies.
 *
 * <p>Thread-safe: an enum.
 */
public enum TopicStatus {
    /** Open for replies. */
    OPEN,
    /** Closed: readable, no new replies. */
    CLOSED
}
