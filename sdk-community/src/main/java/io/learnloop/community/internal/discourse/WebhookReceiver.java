package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.community.CommunityEvent;
import io.learnloop.community.CommunityEventKind;
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
import java.util.Optional;

/**
 * Verifies, dedupes and types Discourse webhook deliveries.
 *
 * <p>Thread-safe: immutable; dedupe is a unique insert in the store.
 */
public final class WebhookReceiver {
    private static final String PREFIX = "sha256=";

    private final ServiceContext ctx;
    private final String secret;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Creates the receiver.
     *
     * @param ctx    the core context
     * @param secret the webhook secret
     */
    public WebhookReceiver(ServiceContext ctx, String secret) {
        new Validator().check(secret != null && secret.length() >= 12, "secret",
                "must be the webhook's secret, at least 12 characters").throwIfInvalid();
        this.ctx = ctx;
        this.secret = secret;
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
     * Verifies and records one delivery.
     *
     * @param rawBody the raw body
     * @param headers the headers
     * @return the event, or empty for a repeated event id
     */
    public Optional<CommunityEvent> receive(byte[] rawBody, Map<String, String> headers) {
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
        Instant now = ctx.now();
        try {
            ctx.transact(uow -> uow.insert(Links.DELIVERY, new Links.Delivery(eventId, event, now)));
        } catch (ConflictException duplicate) {
            return Optional.empty();
        }
        JsonNode payload = type != null && root.has(type) ? root.get(type) : root.elements().hasNext()
                ? root.elements().next() : root;
        Map<String, String> fields = new LinkedHashMap<>();
        payload.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
            }
        });
        String topicId = "topic".equals(type) ? fields.get("id") : fields.get("topic_id");
        String postId = "post".equals(type) ? fields.get("id") : fields.get("post_id");
        String username = fields.containsKey("username") ? fields.get("username")
                : payload.path("created_by").path("username").asText(null);
        return Optional.of(new CommunityEvent(eventId, h.get("x-discourse-instance"), type, event,
                CommunityEventKind.ofDiscourse(event), topicId, postId, username, fields, now));
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
        return "WebhookReceiver[secret=***]";
    }
}
