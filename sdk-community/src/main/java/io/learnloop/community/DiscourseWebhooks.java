package io.learnloop.community;

import io.learnloop.community.internal.discourse.WebhookReceiver;
import io.learnloop.core.ServiceContext;

import java.util.Map;
import java.util.Optional;

/**
 * Receives Discourse webhook deliveries for the host's endpoint: refuses a body or header value over the
 * {@link WebhookLimits} before anything else, verifies {@code X-Discourse-Event-Signature} ({@code sha256=} hex
 * HMAC-SHA256 of the raw body under the webhook's secret) in constant time, drops events already accepted, and turns
 * the rest into typed {@link CommunityEvent}s.
 *
 * <p>Discourse retries a failed delivery as a new event with a new {@code X-Discourse-Event-Id}, so deliveries are
 * deduplicated on the payload's own identity instead: a post by its id, {@code version} and {@code updated_at} (an
 * edited post is a new event), other payloads by their id and a digest of the body (a retry resends the body byte
 * for byte). The accepted identities are kept in the core store, so this holds across restarts and hosts.
 *
 * <pre>{@code
 * Optional<CommunityEvent> event = webhooks.receive(rawBodyBytes, headers);
 * // answer 200 at once (Discourse waits 20 s at most); process the event asynchronously
 * }</pre>
 *
 * <p>Thread-safe: immutable; concurrent deliveries of one event id yield the event once.
 */
public final class DiscourseWebhooks {
    private final WebhookReceiver receiver;

    private DiscourseWebhooks(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    /**
     * Creates a receiver with the default {@link WebhookLimits} (256 KiB body, 8 KiB per header value).
     *
     * @param context the core service context (store for dedupe, clock)
     * @param secret  the webhook's secret as set in Discourse, at least 12 characters
     * @return the receiver
     */
    public static DiscourseWebhooks create(ServiceContext context, String secret) {
        return create(context, secret, WebhookLimits.defaults());
    }

    /**
     * Creates a receiver with its own size limits.
     *
     * @param context the core service context (store for dedupe, clock)
     * @param secret  the webhook's secret as set in Discourse, at least 12 characters
     * @param limits  the largest body and header value looked at
     * @return the receiver
     */
    public static DiscourseWebhooks create(ServiceContext context, String secret, WebhookLimits limits) {
        return new DiscourseWebhooks(new WebhookReceiver(context, secret, limits));
    }

    /**
     * Verifies and records one delivery.
     *
     * @param rawBody the request body exactly as received, before any parsing
     * @param headers the request headers (names in any case)
     * @return the event, or empty if this event was already accepted (a retry or a repeated delivery; answer 200)
     * @throws WebhookTooLargeException if the body or a header value is over the limits, checked before anything else
     *         (answer 413 or 431)
     * @throws io.learnloop.core.error.LearnloopException with
     *         {@link io.learnloop.core.error.ErrorCode#VERIFICATION_FAILED} if the signature is missing or wrong
     *         (answer 401 or 403), or {@link io.learnloop.core.error.ValidationException} if the body is not the
     *         expected JSON
     */
    public Optional<CommunityEvent> receive(byte[] rawBody, Map<String, String> headers) {
        return receiver.receive(rawBody, headers);
    }

    /**
     * The {@code X-Discourse-Event-Signature} value Discourse would send for a body; for tests and tools.
     *
     * @param secret  the webhook secret
     * @param rawBody the body
     * @return {@code sha256=} followed by the lower-case hex HMAC
     */
    public static String signature(String secret, byte[] rawBody) {
        return WebhookReceiver.signature(secret, rawBody);
    }

    @Override
    public String toString() {
        return "DiscourseWebhooks[secret=***]";
    }
}
