package io.learnloop.payment.internal.pipeline;

import java.time.Instant;

/**
 * A verified delivery as stored for dedupe and review.
 *
 * @param id                {@code provider:eventId}, or a digest of the event id ({@link #idFor})
 * @param provider          the provider
 * @param eventId           the provider's event id
 * @param type              the mapped event type
 * @param merchantReference the payment reference, or null
 * @param disposition       what the pipeline did
 * @param detail            why, for review
 * @param receivedAt        when it was processed
 * @param prunedAt          when the retention job stripped it to its dedupe key, or null (also for records stored
 *                          before there was one)
 */
public record ReceivedNotification(String id, String provider, String eventId, String type, String merchantReference,
                                   String disposition, String detail, Instant receivedAt, Instant prunedAt) {
    /**
     * A record not pruned.
     *
     * @param id                {@code provider:eventId}, or a digest of the event id
     * @param provider          the provider
     * @param eventId           the provider's event id
     * @param type              the mapped event type
     * @param merchantReference the payment reference, or null
     * @param disposition       what the pipeline did
     * @param detail            why, for review
     * @param receivedAt        when it was processed
     */
    public ReceivedNotification(String id, String provider, String eventId, String type, String merchantReference,
                                String disposition, String detail, Instant receivedAt) {
        this(id, provider, eventId, type, merchantReference, disposition, detail, receivedAt, null);
    }

    /**
     * The id a provider's event is recorded under: {@code provider:eventId}, unless the event id is one no store
     * keeps as part of an id (too long, or holding control characters; a signed event may still carry one), then
     * {@code provider:#} and the SHA-256 of the event id in hex, so every delivery of that event still finds the one
     * record.
     *
     * @param provider the provider's id
     * @param eventId  the provider's event id
     * @return the record's id
     */
    public static String idFor(String provider, String eventId) {
        String plain = provider + ":" + eventId;
        if (plain.length() <= io.learnloop.core.store.AggregateType.MAX_ID_LENGTH
                && eventId.chars().noneMatch(Character::isISOControl) && !eventId.startsWith("#")) {
            return plain;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return provider + ":#" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The record with what the pipeline did.
     *
     * @param what   the disposition's name
     * @param reason why
     * @return the record
     */
    public ReceivedNotification settled(String what, String reason) {
        return new ReceivedNotification(id, provider, eventId, type, merchantReference, what, reason, receivedAt, null);
    }

    /**
     * The record stripped to what recognises a redelivery: its id, provider, event id and type, what was done and
     * when. The payment reference (which leads to the order, and so to the learner) and the detail go.
     *
     * @param now when
     * @return the record
     */
    public ReceivedNotification pruned(Instant now) {
        return new ReceivedNotification(id, provider, eventId, type, null, disposition, null, receivedAt, now);
    }
}
