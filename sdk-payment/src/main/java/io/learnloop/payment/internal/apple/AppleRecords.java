package io.learnloop.payment.internal.apple;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the App Store channel keeps about a learner, for the payment module's export, erasure and retention: its
 * records are read by order or by learner through their indexes, never by scanning a type.
 *
 * <p>Thread-safe: stateless.
 */
public final class AppleRecords {
    private static final Set<String> DETAIL = Set.of("detail");

    private AppleRecords() {
    }

    /**
     * The App Store transactions that paid an order (one, or one per renewal of a subscription period).
     *
     * @param ctx   the context
     * @param order the order
     * @return the transactions, as stored
     */
    public static List<AppleTransactionRecord> transactionsOf(ServiceContext ctx, OrderId order) {
        return ctx.read(uow -> uow.findBy(AppleTypes.TRANSACTION, AppleTypes.BY_ORDER, order.value())).stream()
                .map(Versioned::value).toList();
    }

    /**
     * The App Store notifications that paid or refunded an order and are not yet pruned.
     *
     * @param ctx   the context
     * @param order the order
     * @return the notification records, as stored
     */
    public static List<AppleNotificationRecord> notificationsOf(ServiceContext ctx, OrderId order) {
        return ctx.read(uow -> uow.findBy(AppleTypes.NOTIFICATION, AppleTypes.BY_ORDER, order.value())).stream()
                .map(Versioned::value).toList();
    }

    /**
     * Erases the notification detail of one of the learner's orders: it may quote the app's account token or the
     * learner.
     *
     * @param erasure the erasure under way
     * @param order   one of the learner's orders
     */
    public static void eraseOrder(Erasure erasure, OrderId order) {
        for (AppleNotificationRecord n : notificationsOf(erasure.context(), order)) {
            erasure.context().transactRetrying(uow -> uow.find(AppleTypes.NOTIFICATION, n.id())
                    .map(now -> erasure.rewrite(uow, AppleTypes.NOTIFICATION, now, DETAIL)).orElse(false));
        }
    }

    /**
     * Erases the learner from the channel's own records: transactions keep the order they paid (a refund must still
     * find it) under the pseudonym; the subscription records, whose only use is to find the learner of a later
     * renewal, are deleted, so a renewal after the erasure creates no order for anyone and is kept for review.
     *
     * @param erasure the erasure under way
     */
    public static void eraseLearner(Erasure erasure) {
        String learner = erasure.learner().value();
        erasure.rewriteAll(AppleTypes.TRANSACTION, AppleTypes.BY_LEARNER, learner, Set.of(), t -> t);
        erasure.rewriteAll(AppleTypes.SUBSCRIPTION, AppleTypes.BY_LEARNER, learner, Set.of(), null);
    }

    /**
     * Strips up to {@code limit} notification records received before the cut-off to their dedupe key, oldest
     * first; each stripped record leaves the age index, so every batch starts at the oldest left.
     *
     * @param ctx    the context
     * @param before the cut-off
     * @param limit  the most to strip
     * @return how many records were read (a full batch means more may be left)
     */
    public static int prune(ServiceContext ctx, Instant before, int limit) {
        List<Versioned<AppleNotificationRecord>> old = ctx.read(uow -> uow.findRange(AppleTypes.NOTIFICATION,
                AppleTypes.BY_AGE, AppleTypes.UNPRUNED, new IndexRange(null, SortKeys.instant(before), limit, false)));
        for (Versioned<AppleNotificationRecord> v : old) {
            ctx.transactRetrying(uow -> uow.find(AppleTypes.NOTIFICATION, v.value().id())
                    .filter(now -> now.value().prunedAt() == null)
                    .map(now -> uow.update(AppleTypes.NOTIFICATION, now.value().pruned(ctx.now()), now.version()))
                    .isPresent());
        }
        return old.size();
    }
}
