package io.learnloop.community;

import java.time.Instant;
import java.util.Map;

/**
 * A verified, first-time delivery of a community event.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param eventId    the delivery's event id ({@code X-Discourse-Event-Id}); a retry carries a new one, so deliveries
 *                   are deduplicated on the payload instead (see {@link DiscourseWebhooks})
 * @param instance   the sending site ({@code X-Discourse-Instance}), or null
 * @param eventType  the payload's type ({@code X-Discourse-Event-Type}: {@code topic}, {@code post}, ...)
 * @param event      the event's name ({@code X-Discourse-Event}: {@code post_created}, ...)
 * @param kind       the typed kind
 * @param topicId    the topic concerned, or null
 * @param postId     the post concerned, or null
 * @param username   the Discourse username of the user concerned (the author for posts and topics), or null; for a
 *                   host user it is {@link DiscourseUsernames#of} of the host user id
 * @param fields     the payload object's scalar fields as text; copied
 * @param receivedAt when it was accepted, by the injected clock
 */
public record CommunityEvent(String eventId, String instance, String eventType, String event, CommunityEventKind kind,
                             String topicId, String postId, String username, Map<String, String> fields,
                             Instant receivedAt) {
    /**
     * Copies the fields.
     *
     * @param eventId    the id
     * @param instance   the instance
     * @param eventType  the type
     * @param event      the name
     * @param kind       the kind
     * @param topicId    the topic
     * @param postId     the post
     * @param username   the user
     * @param fields     the scalar fields
     * @param receivedAt the acceptance instant
     */
    public CommunityEvent {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
