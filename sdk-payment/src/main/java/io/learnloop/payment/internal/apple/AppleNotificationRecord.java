package io.learnloop.payment.internal.apple;

import java.time.Instant;

/**
 * A processed notification, kept for dedupe on its {@code notificationUUID} and for review.
 *
 * @param id               the {@code notificationUUID}
 * @param notificationType {@code notificationType}
 * @param subtype          {@code subtype}, or null
 * @param transactionId    the transaction it carried, or null
 * @param order            the order it paid or refunded, or null
 * @param disposition      what was done
 * @param detail           why, for review
 * @param receivedAt       when it was processed
 * @param prunedAt         when the retention job stripped it to its dedupe key, or null (also for records stored
 *                         before there was one)
 */
public record AppleNotificationRecord(String id, String notificationType, String subtype, String transactionId,
                                      String order, String disposition, String detail, Instant receivedAt,
                                      Instant prunedAt) {
    /**
     * A record not pruned.
     *
     * @param id               the {@code notificationUUID}
     * @param notificationType {@code notificationType}
     * @param subtype          {@code subtype}, or null
     * @param transactionId    the transaction it carried, or null
     * @param order            the order it paid or refunded, or null
     * @param disposition      what was done
     * @param detail           why, for review
     * @param receivedAt       when it was processed
     */
    public AppleNotificationRecord(String id, String notificationType, String subtype, String transactionId,
                                   String order, String disposition, String detail, Instant receivedAt) {
        this(id, notificationType, subtype, transactionId, order, disposition, detail, receivedAt, null);
    }

    /**
     * The record stripped to what recognises a redelivery: its id, type, what was done and when. The transaction,
     * the order (which lead to the learner) and the detail go.
     *
     * @param now when
     * @return the record
     */
    public AppleNotificationRecord pruned(Instant now) {
        return new AppleNotificationRecord(id, notificationType, subtype, null, null, disposition, null, receivedAt,
                now);
    }
}
