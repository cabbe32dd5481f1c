package io.learnloop.community;

import java.time.Instant;

/**
 * Something that happened for a user.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        the backend's id
 * @param kind      what it is about
 * @param topicId   the topic concerned, or null
 * @param postId    the post concerned, or null (Discourse reports post numbers; then this is null)
 * @param groupId   the study group concerned, or null
 * @param fromUser  who caused it, or null
 * @param read      whether the user has read it
 * @param createdAt when it happened
 */
public record Notification(String id, NotificationKind kind, String topicId, String postId, String groupId,
                           String fromUser, boolean read, Instant createdAt) {
}
