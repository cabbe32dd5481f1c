package io.learnloop.payment;

import java.time.Instant;

/**
 * A verified notification that granted nothing and needs a person (unknown payment, wrong amount, payment after the
 * order expired, refund made outside the SDK).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider          the provider
 * @param eventId           the provider's event id
 * @param merchantReference the payment reference the event named
 * @param reason            why it was kept
 * @param receivedAt        when it arrived
 */
public record ReviewItem(ProviderId provider, String eventId, String merchantReference, String reason,
                         Instant receivedAt) {
}
