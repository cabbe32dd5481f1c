package io.learnloop.community;

import io.learnloop.community.internal.discourse.WebhookReceiver;
import io.learnloop.core.ServiceContext;

import java.util.Map;
import java.util.Optional;

/**
 * Receives Discourse webhook deliveries for the host's endpoint: verifies {@code X-Discourse-Event-Signature}
 * ({@code sha256=} hex HMAC-SHA256 of the raw body under the webhook's secret) in constant time, drops repeated
 * deliveries by {@code X-Discourse-Event-Id} (kept in the core store, so it holds across restarts and hosts), and
 * turns the rest into typed {@link CommunityEvent}s.
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
     * Creates a receiver.
     *
     * @param context the core service context (store for dedupe, clock)
     * @param secret  the webhook's secret as set in Discourse, at least 12 characters
     * @return the receiver
     */
    public static DiscourseWebhooks create(ServiceContext context, String secret) {
        return new DiscourseWebhooks(new WebhookReceiver(context, secret));
    }

    /**
     * Verifies and records one delivery.
     *
     * @param rawBody the request body exactly as received, before any parsing
     * @param headers the request headers (names in any case)
     * @return the event, or empty if this event id was already received
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
