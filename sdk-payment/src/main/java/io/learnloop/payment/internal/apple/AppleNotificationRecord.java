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
 */
public record AppleNotificationRecord(String id, String notificationType, String subtype, String transactionId,
                                      String order, String disposition, String detail, Instant receivedAt) {
}
