package io.learnloop.payment.apple;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.Validator;

/**
 * What handling one App Store Server Notification (or looking up one transaction) did, and what to answer Apple.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param disposition      what was done
 * @param rejection        why it was rejected ({@link AppleDisposition#REJECTED} only), else null
 * @param notificationUuid the verified {@code notificationUUID}, or null (rejected, or a looked-up transaction)
 * @param notificationType {@code notificationType}, or null
 * @param subtype          {@code subtype}, or null
 * @param transactionId    the transaction it concerns, or null
 * @param order            the Learnloop order it paid or refunded, or null
 * @param detail           a description for logs and reviewers (never a signature or key)
 */
public record AppleNotificationResult(AppleDisposition disposition, AppleRejection rejection, String notificationUuid,
                                      String notificationType, String subtype, String transactionId, OrderId order,
                                      String detail) {
    /**
     * Checks that a rejection, and only a rejection, names its reason.
     *
     * @param disposition      what was done
     * @param rejection        why it was rejected
     * @param notificationUuid the notification
     * @param notificationType the type
     * @param subtype          the subtype
     * @param transactionId    the transaction
     * @param order            the order
     * @param detail           the description
     */
    public AppleNotificationResult {
        new Validator().notNull("disposition", disposition)
                .check((disposition == AppleDisposition.REJECTED) == (rejection != null), "rejection",
                        "is given exactly when the disposition is REJECTED")
                .throwIfInvalid();
        detail = detail == null ? disposition.name() : detail;
    }

    /**
     * The HTTP status to answer Apple: 200 for everything verified (Apple stops resending), 400 for a rejection
     * (Apple resends on its schedule; a forged or misdirected request simply fails).
     *
     * @return 200 or 400
     */
    public int httpStatus() {
        return disposition == AppleDisposition.REJECTED ? 400 : 200;
    }
}
