package io.learnloop.payment.internal.payout;

import io.learnloop.core.store.UnitOfWork;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.internal.pipeline.PaymentTypes;
import io.learnloop.payment.internal.pipeline.ReceivedNotification;

import java.time.Instant;

/**
 * Parks a payout in the payment review queue: a record kept for review under event id {@code payout:<key>}, so
 * {@code Payments.reviewQueue} lists it with the reason beside the notifications that need a person.
 */
final class PayoutReview {
    /** The record type of parked payouts in the review queue. */
    static final String TYPE = "payout";

    private PayoutReview() {
    }

    static void park(UnitOfWork uow, PayoutAttempt payout, String reason, Instant now) {
        String eventId = TYPE + ":" + payout.id();
        String id = ReceivedNotification.idFor(payout.provider(), eventId);
        ReceivedNotification record = new ReceivedNotification(id, payout.provider(), eventId, TYPE, payout.id(),
                Disposition.KEPT_FOR_REVIEW.name(), reason, now);
        var existing = uow.find(PaymentTypes.NOTIFICATION, id);
        if (existing.isPresent()) {
            uow.update(PaymentTypes.NOTIFICATION, record, existing.get().version());
        } else {
            uow.insert(PaymentTypes.NOTIFICATION, record);
        }
    }
}
