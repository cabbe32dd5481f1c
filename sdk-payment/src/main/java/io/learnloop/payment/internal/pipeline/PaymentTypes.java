package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.store.AggregateType;

/**
 * The aggregates the payment pipeline keeps in the core store.
 */
public final class PaymentTypes {
    /** Payment attempts by {@code provider:merchantReference}; by order and by state. */
    public static final AggregateType<PaymentAttempt> ATTEMPT =
            AggregateType.builder("payment_attempt", PaymentAttempt.class, PaymentAttempt::id)
                    .index("order", a -> a.order().value())
                    .index("state", PaymentAttempt::state)
                    .build();

    /** Processed notifications by {@code provider:eventId}; by disposition for the review queue. */
    public static final AggregateType<ReceivedNotification> NOTIFICATION =
            AggregateType.builder("payment_notification", ReceivedNotification.class, ReceivedNotification::id)
                    .index("disposition", ReceivedNotification::disposition)
                    .build();

    /**
     * Refunds by {@code order:refundKey}; unique by provider refund reference (of the current provider attempt); by
     * state; by the first reference, which every later provider attempt's reference extends.
     */
    public static final AggregateType<PaymentRefund> REFUND =
            AggregateType.builder("payment_refund", PaymentRefund.class, PaymentRefund::id)
                    .unique("reference", r -> r.provider() + ":" + r.refundReference())
                    .index("state", PaymentRefund::state)
                    .index("origin", r -> r.provider() + ":" + DefaultPayments.firstReference(r.refundReference()))
                    .build();

    private PaymentTypes() {
    }
}
