package io.learnloop.payment.internal.apple;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.payment.apple.AppleDisposition;
import io.learnloop.payment.apple.AppleNotificationResult;

import java.time.Instant;

/**
 * The notification being processed (or none, for a reconciled look-up): builds its results and writes its dedupe
 * record in the same unit of work as what it settles.
 *
 * @param uuid    the {@code notificationUUID}, or null
 * @param type    the type, or null
 * @param subtype the subtype, or null
 */
record NotificationContext(String uuid, String type, String subtype) {
    AppleNotificationResult result(AppleDisposition d, String transactionId, OrderId order, String detail) {
        return new AppleNotificationResult(d, null, uuid, type, subtype, transactionId, order, detail);
    }

    /**
     * Writes the dedupe record in the caller's unit of work; a look-up has none.
     *
     * @throws DuplicateDelivery if another delivery of the same notification recorded it first
     */
    void record(UnitOfWork uow, AppleNotificationResult r, Instant now) {
        if (uuid == null) {
            return;
        }
        if (uow.find(AppleTypes.NOTIFICATION, uuid).isPresent()) {
            throw new DuplicateDelivery();
        }
        uow.insert(AppleTypes.NOTIFICATION, new AppleNotificationRecord(uuid, type, subtype, r.transactionId(),
                r.order() == null ? null : r.order().value(), r.disposition().name(), r.detail(), now));
    }

    /** Another delivery of the same notification won; its record stands, and this one's work is rolled back. */
    static final class DuplicateDelivery extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateDelivery() {
            super("the notification was processed by another delivery", null, false, false);
        }
    }
}
