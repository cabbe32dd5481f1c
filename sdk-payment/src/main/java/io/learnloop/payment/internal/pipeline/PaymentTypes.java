package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregates the payment pipeline keeps in the core store.
 */
public final class PaymentTypes {
    /** Index of attempts and refunds by state, the least recently changed first. */
    public static final String BY_STATE = "state";
    /** Index of notifications by disposition, oldest first. */
    public static final String BY_DISPOSITION = "disposition";

    /** Payment attempts by {@code provider:merchantReference}; by order and by state. */
    public static final AggregateType<PaymentAttempt> ATTEMPT =
            AggregateType.builder("payment_attempt", PaymentAttempt.class, PaymentAttempt::id)
                    .index("order", a -> a.order().value())
                    .sortedIndex(BY_STATE, PaymentAttempt::state, a -> SortKeys.instant(a.updatedAt()))
                    .build();

    /** Processed notifications by {@code provider:eventId}; by disposition for the review queue. */
    public static final AggregateType<ReceivedNotification> NOTIFICATION =
            AggregateType.builder("payment_notification", ReceivedNotification.class, ReceivedNotification::id)
                    .sortedIndex(BY_DISPOSITION, ReceivedNotification::disposition,
                            n -> SortKeys.instant(n.receivedAt()))
                    .build();

    /**
     * Refunds by {@code order:refundKey}; unique by provider refund reference (of the current provider attempt); by
     * state; by the first reference, which every later provider attempt's reference extends.
     */
    public static final AggregateType<PaymentRefund> REFUND =
            AggregateType.builder("payment_refund", PaymentRefund.class, PaymentRefund::id)
                    .unique("reference", r -> r.provider() + ":" + r.refundReference())
                    .sortedIndex(BY_STATE, PaymentRefund::state, r -> SortKeys.instant(r.updatedAt()))
                    .index("origin", r -> r.provider() + ":" + References.first(r.refundReference()))
                    .build();

    private PaymentTypes() {
    }
}
