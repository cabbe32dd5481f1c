package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.community.CommunityEvent;
import io.learnloop.community.CommunityEventKind;
import io.learnloop.community.WebhookLimits;
import io.learnloop.community.WebhookTooLargeException;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounds, verifies, dedupes and types Discourse webhook deliveries.
 *
 * <p>Thread-safe: immutable; dedupe is a unique insert in the store.
 */
public final class WebhookReceiver {
    private static final String PREFIX = "sha256=";

    private final ServiceContext ctx;
    private final String secret;
    private final WebhookLimits limits;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Creates the receiver.
     *
     * @param ctx    the core context
     * @param secret the webhook secret
     * @param limits the largest body and header value looked at
     */
    public WebhookReceiver(ServiceContext ctx, String secret, WebhookLimits limits) {
        new Validator().check(secret != null && secret.length() >= 12, "secret",
                "must be the webhook's secret, at least 12 characters").notNull("limits", limits).throwIfInvalid();
        this.ctx = ctx;
        this.secret = secret;
        this.limits = limits;
    }

    /**
     * The signature header value for a body.
     *
     * @param secret  the secret
     * @param rawBody the body
     * @return {@code sha256=<hex>}
     */
    public static String signature(String secret, byte[] rawBody) {
        return PREFIX + DiscourseConnect.hmacHex(secret, rawBody);
    }

    /**
     * Bounds, verifies and records one delivery.
     *
     * @param rawBody the raw body
     * @param headers the headers
     * @return the event, or empty for an event already accepted (a retry or a repeated delivery)
     */
    public Optional<CommunityEvent> receive(byte[] rawBody, Map<String, String> headers) {
        // Sizes first: an oversized request must cost neither an HMAC nor a parse.
        requireWithinLimits(rawBody, headers);
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        }
        verify(rawBody, h.get("x-discourse-event-signature"));
        String eventId = h.get("x-discourse-event-id");
        String event = h.get("x-discourse-event");
        String type = h.get("x-discourse-event-type");
        new Validator().notBlank("X-Discourse-Event-Id", eventId, 64)
                .notBlank("X-Discourse-Event", event, 100).throwIfInvalid();
        JsonNode root;
        try {
            root = mapper.readTree(rawBody);
        } catch (IOException e) {
            throw ValidationException.of("body", "is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw ValidationException.of("body", "must be a JSON object");
        }
        JsonNode payload = type != null && root.has(type) ? root.get(type) : root.elements().hasNext()
                ? root.elements().next() : root;
        String identity = DeliveryIdentity.of(type, event, eventId, payload, rawBody);
        Instant now = ctx.now();
        try {
            ctx.transact(uow -> uow.insert(Links.DELIVERY, new Links.Delivery(identity, eventId, event, now)));
        } catch (ConflictException duplicate) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        payload.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
            }
        });
        if ("like".equals(type)) {
            // a like nests the post liked and the user who liked it; the post's author is the user concerned
            JsonNode post = payload.path("post");
            putText(fields, "id", post.path("id"));
            putText(fields, "topic_id", post.path("topic_id"));
            putText(fields, "username", post.path("username"));
            putText(fields, "liker", payload.path("user").path("username"));
        }
        String topicId = "topic".equals(type) ? fields.get("id") : fields.get("topic_id");
        // discourse-solved sends the accepted post itself, under the type "solved"
        String postId = "post".equals(type) || "solved".equals(type) || "like".equals(type) ? fields.get("id")
                : fields.get("post_id");
        String username = fields.containsKey("username") ? fields.get("username")
                : payload.path("created_by").path("username").asText(null);
        return Optional.of(new CommunityEvent(eventId, h.get("x-discourse-instance"), type, event,
                CommunityEventKind.ofDiscourse(event), topicId, postId, username, fields, now));
    }

    private static void putText(Map<String, String> fields, String name, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            fields.put(name, value.asText());
        }
    }

    private void requireWithinLimits(byte[] rawBody, Map<String, String> headers) {
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                long size = utf8Length(header.getValue());
                if (size > limits.maxHeaderValueBytes()) {
                    throw new WebhookTooLargeException("header " + header.getKey(), size,
                            limits.maxHeaderValueBytes(), "maxHeaderValueBytes");
                }
            }
        }
        if (rawBody != null && rawBody.length > limits.maxBodyBytes()) {
            throw new WebhookTooLargeException("body", rawBody.length, limits.maxBodyBytes(), "maxBodyBytes");
        }
    }

    /** Counts UTF-8 bytes without copying the value, which may be large. */
    private static long utf8Length(String value) {
        if (value == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private void verify(byte[] rawBody, String header) {
        if (rawBody == null) {
            throw ValidationException.of("body", "is required");
        }
        if (header == null || !header.startsWith(PREFIX)) {
            throw new LearnloopException(ErrorCode.VERIFICATION_FAILED, "The delivery has no "
                    + "X-Discourse-Event-Signature: sha256=... header; set the webhook's secret in Discourse.");
        }
        byte[] expected = signature(secret, rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!DiscourseConnect.constantTimeEquals(expected, given)) {
            throw new LearnloopException(ErrorCode.VERIFICATION_FAILED, "The webhook signature does not match the "
                    + "body; check the secret and that the raw body is passed unchanged.");
        }
    }

    @Override
    public String toString() {
        return "WebhookReceiver[secret=***, " + Objects.toString(limits) + "]";
    }
}
