package io.learnloop.payment.internal.apple;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.payment.apple.AppleDisposition;

/**
 * The aggregates the Apple channel keeps in the core store.
 */
final class AppleTypes {
    /** Index of notifications kept for review, oldest first; the only disposition read by. */
    static final String BY_DISPOSITION = "disposition";
    /** Index of notifications and transactions by order: how an erasure and an export find them. */
    static final String BY_ORDER = "order";
    /** Index of transactions and subscriptions by learner. */
    static final String BY_LEARNER = "learner";
    /** Index of notifications not yet pruned, oldest first: what the retention job reads. */
    static final String BY_AGE = "age";
    /** The one key of {@link #BY_AGE}. */
    static final String UNPRUNED = "unpruned";

    /**
     * Processed notifications by {@code notificationUUID}; kept for review by age; by order; by age until pruned,
     * except those kept for review (a person still needs their detail).
     */
    static final AggregateType<AppleNotificationRecord> NOTIFICATION =
            AggregateType.builder("apple_notification", AppleNotificationRecord.class, AppleNotificationRecord::id)
                    .sortedIndex(BY_DISPOSITION,
                            n -> AppleDisposition.KEPT_FOR_REVIEW.name().equals(n.disposition()) ? n.disposition()
                                    : null,
                            n -> SortKeys.instant(n.receivedAt()))
                    .index(BY_ORDER, AppleNotificationRecord::order)
                    .sortedIndex(BY_AGE, n -> n.prunedAt() == null
                                    && !AppleDisposition.KEPT_FOR_REVIEW.name().equals(n.disposition()) ? UNPRUNED
                                    : null,
                            n -> SortKeys.instant(n.receivedAt()))
                    .build();

    /** Transactions that paid an order, by {@code transactionId}; by learner; by order. */
    static final AggregateType<AppleTransactionRecord> TRANSACTION =
            AggregateType.builder("apple_transaction", AppleTransactionRecord.class, AppleTransactionRecord::id)
                    .index(BY_LEARNER, AppleTransactionRecord::learner)
                    .index(BY_ORDER, AppleTransactionRecord::order)
                    .build();

    /** Subscriptions by {@code originalTransactionId}; by learner. */
    static final AggregateType<AppleSubscriptionRecord> SUBSCRIPTION =
            AggregateType.builder("apple_subscription", AppleSubscriptionRecord.class, AppleSubscriptionRecord::id)
                    .index(BY_LEARNER, AppleSubscriptionRecord::learner)
                    .build();

    private AppleTypes() {
    }
}
