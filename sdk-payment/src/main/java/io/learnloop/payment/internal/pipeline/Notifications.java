package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReviewItem;

import java.util.Optional;

/**
 * The dedupe records of processed notifications, and the review queue they form.
 *
 * <p>Thread-safe: immutable.
 */
final class Notifications {
    private final ServiceContext ctx;

    Notifications(ServiceContext ctx) {
        this.ctx = ctx;
    }

    Optional<ReceivedNotification> find(String key) {
        return ctx.read(uow -> uow.find(PaymentTypes.NOTIFICATION, key)).map(Versioned::value);
    }

    /** Whether an event was processed for good (a RETRY_LATER record asks for the event again). */
    static boolean done(ReceivedNotification n) {
        return !Disposition.RETRY_LATER.name().equals(n.disposition());
    }

    /**
     * Writes the record in the caller's unit of work: inserted the first time, replaced while it says RETRY_LATER,
     * else left as the first processing wrote it.
     */
    static void recordWithin(UnitOfWork uow, ReceivedNotification n) {
        Optional<Versioned<ReceivedNotification>> current = uow.find(PaymentTypes.NOTIFICATION, n.id());
        if (current.isEmpty()) {
            uow.insert(PaymentTypes.NOTIFICATION, n);
        } else if (!done(current.get().value())) {
            uow.update(PaymentTypes.NOTIFICATION, n, current.get().version());
        }
    }

    /** As {@link #recordWithin}, in its own transaction; a concurrent copy of the same event may record it first. */
    void record(ReceivedNotification n) {
        try {
            ctx.transact(uow -> {
                recordWithin(uow, n);
                return null;
            });
        } catch (ConflictException e) {
            // a concurrent copy of the same event recorded it first
        }
    }

    /** One page of the notifications kept for review, oldest first. */
    Page<ReviewItem> review(String cursor, int limit) {
        return ctx.read(uow -> Pages.page(uow, PaymentTypes.NOTIFICATION, PaymentTypes.BY_DISPOSITION,
                Disposition.KEPT_FOR_REVIEW.name(), IndexRange.first(limit), cursor,
                n -> new ReviewItem(new ProviderId(n.provider()), n.eventId(), n.merchantReference(), n.detail(),
                        n.receivedAt())));
    }
}
