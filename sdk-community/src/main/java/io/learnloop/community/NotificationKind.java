package io.learnloop.community;

/**
 * What a notification is about.
 *
 * <p>Thread-safe: an enum.
 */
public enum NotificationKind {
    /** Someone replied to the user's topic or post. */
    REPLY,
    /** Someone mentioned the user with {@code @name}. */
    MENTION,
    /** The user's answer was accepted. */
    ACCEPTED_ANSWER,
    /** The user was invited to a study group. */
    GROUP_INVITE,
    /** Anything else the backend reports. */
    OTHER
}
