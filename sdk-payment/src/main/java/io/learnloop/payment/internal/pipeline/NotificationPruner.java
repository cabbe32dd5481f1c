package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.PruneStep;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.internal.apple.AppleRecords;

import java.time.Instant;
import java.util.List;

/**
 * Strips received notification records (the pipeline's, then the App Store channel's) older than the retention to
 * the key that recognises a redelivery: the event id (notification UUID), type and what was done stay, so a late or
 * replayed delivery of a settled event is still answered as a duplicate and settles nothing; the payment reference,
 * order, transaction and detail go, so the record no longer leads to a learner. Records are read oldest first through
 * the age index, which a stripped record leaves, so each batch starts again at the oldest left and a run that stopped
 * midway just finds less to do. Records kept for review stay whole: a person still needs their detail. Records
 * stored before the age index existed are not in it and stay.
 *
 * <p>Nothing is deleted: a provider may deliver an event again long after it was received (a captured body can be
 * replayed at any time), and without the record the duplicate check would rest on the order's and refund's state
 * alone, which does not tell an old refund failure from a new one.
 *
 * <p>Thread-safe: stateless.
 */
public final class NotificationPruner implements RetentionPruner {
    /** The cursor of the App Store phase. */
    private static final String APPLE = "apple";

    @Override
    public String dataClass() {
        return DataClasses.PAYMENT_NOTIFICATIONS;
    }

    @Override
    public PruneStep prune(ServiceContext context, Instant before, String cursor, int limit) {
        if (APPLE.equals(cursor)) {
            int read = AppleRecords.prune(context, before, limit);
            return read < limit ? PruneStep.done(read) : new PruneStep(read, APPLE);
        }
        List<Versioned<ReceivedNotification>> old = context.read(uow -> uow.findRange(PaymentTypes.NOTIFICATION,
                PaymentTypes.BY_AGE, PaymentTypes.UNPRUNED,
                new IndexRange(null, SortKeys.instant(before), limit, false)));
        int stripped = 0;
        for (Versioned<ReceivedNotification> v : old) {
            // one unit of work per record: a delivery of the same event that updates it meanwhile wins
            stripped += context.transactRetrying(uow -> uow.find(PaymentTypes.NOTIFICATION, v.value().id())
                    .filter(now -> now.value().prunedAt() == null && now.value().receivedAt().isBefore(before))
                    .map(now -> {
                        uow.update(PaymentTypes.NOTIFICATION, now.value().pruned(context.now()), now.version());
                        return 1;
                    }).orElse(0));
        }
        return new PruneStep(stripped, old.size() < limit ? APPLE : "");
    }

    @Override
    public String toString() {
        return "NotificationPruner";
    }
}
