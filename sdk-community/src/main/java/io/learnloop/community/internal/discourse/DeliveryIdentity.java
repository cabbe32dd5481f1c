package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * What makes two webhook deliveries the same event, so a retry is dropped and a new state is not.
 *
 * <p>Discourse retries a failed delivery as a new {@code WebHookEvent}, so {@code X-Discourse-Event-Id} changes with
 * every attempt while the body (serialised once, when the event was queued) stays byte for byte the same. The
 * identity is therefore taken from the payload:
 * <ul>
 *   <li>a post: {@code post|<event>|<id>|<version>|<updated_at>} ({@code PostSerializer}); the version changes with
 *       each revision and {@code updated_at} also with an edit inside the grace period that keeps the version;</li>
 *   <li>anything else (topics and users carry no version or {@code updated_at} in their webhook serializers):
 *       {@code <type>|<event>|<id>|sha256:<digest of the raw body>}, which is equal exactly for a retry;</li>
 *   <li>a ping: its event id, as pings all have the same body.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class DeliveryIdentity {
    /** The longest id the store keeps; longer identities are replaced by their digest. */
    private static final int MAX_ID = 255;

    private DeliveryIdentity() {
    }

    /**
     * The identity of one verified delivery.
     *
     * @param type    {@code X-Discourse-Event-Type}, may be null
     * @param event   {@code X-Discourse-Event}
     * @param eventId {@code X-Discourse-Event-Id}
     * @param payload the object under the type's key
     * @param rawBody the body as received
     * @return the key deliveries are deduplicated on
     */
    static String of(String type, String event, String eventId, JsonNode payload, byte[] rawBody) {
        if ("ping".equals(type) || "ping".equals(event)) {
            return bounded("ping|" + eventId);
        }
        String id = text(payload, "id");
        if ("post".equals(type) && id != null) {
            String version = text(payload, "version");
            String updatedAt = text(payload, "updated_at");
            if (version != null || updatedAt != null) {
                return bounded("post|" + event + "|" + id + "|" + version + "|" + updatedAt);
            }
        }
        return bounded(type + "|" + event + "|" + id + "|sha256:" + Sha256.hex(rawBody));
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static String bounded(String key) {
        return key.length() <= MAX_ID ? key : "sha256:" + Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }
}
