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

    /** Processed notifications by {@code notificationUUID}. */
    static final AggregateType<AppleNotificationRecord> NOTIFICATION =
            AggregateType.builder("apple_notification", AppleNotificationRecord.class, AppleNotificationRecord::id)
                    .sortedIndex(BY_DISPOSITION,
                            n -> AppleDisposition.KEPT_FOR_REVIEW.name().equals(n.disposition()) ? n.disposition()
                                    : null,
                            n -> SortKeys.instant(n.receivedAt()))
                    .build();

    /** Transactions that paid an order, by {@code transactionId}. */
    static final AggregateType<AppleTransactionRecord> TRANSACTION =
            AggregateType.builder("apple_transaction", AppleTransactionRecord.class, AppleTransactionRecord::id)
                    .build();

    /** Subscriptions by {@code originalTransactionId}. */
    static final AggregateType<AppleSubscriptionRecord> SUBSCRIPTION =
            AggregateType.builder("apple_subscription", AppleSubscriptionRecord.class, AppleSubscriptionRecord::id)
                    .build();

    private AppleTypes() {
    }
}
