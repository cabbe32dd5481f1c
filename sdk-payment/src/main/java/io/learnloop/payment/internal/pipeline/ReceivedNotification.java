package io.learnloop.payment.internal.pipeline;

import java.time.Instant;

/**
 * A verified delivery as stored for dedupe and review.
 *
 * @param id                {@code provider:eventId}
 * @param provider          the provider
 * @param eventId           the provider's event id
 * @param type              the mapped event type
 * @param merchantReference the payment reference, or null
 * @param disposition       what the pipeline did
 * @param detail            why, for review
 * @param receivedAt        when it was processed
 */
public record ReceivedNotification(String id, String provider, String eventId, String type, String merchantReference,
                                   String disposition, String detail, Instant receivedAt) {
    /**
     * The record with what the pipeline did.
     *
     * @param what   the disposition's name
     * @param reason why
     * @return the record
     */
    public ReceivedNotification settled(String what, String reason) {
        return new ReceivedNotification(id, provider, eventId, type, merchantReference, what, reason, receivedAt);
    }
}
