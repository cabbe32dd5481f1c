package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.payment.Disposition;

import java.util.Set;

/**
 * The aggregates the payment pipeline keeps in the core store.
 */
public final class PaymentTypes {
    /** Index of attempts and refunds by state, the least recently changed first. */
    public static final String BY_STATE = "state";
    /** Index of refunds by order: how an erasure finds a learner's refunds. */
    public static final String BY_ORDER = "order";
    /** Index of notifications by disposition, oldest first. */
    public static final String BY_DISPOSITION = "disposition";
    /** Index of notifications by {@code provider:merchantReference}: how an erasure and an export find an order's. */
    public static final String BY_REFERENCE = "reference";
    /** Index of notifications not yet pruned, oldest first: what the retention job reads. */
    public static final String BY_AGE = "age";
    /** The one key of {@link #BY_AGE}. */
    public static final String UNPRUNED = "unpruned";

    /** The attempt states the reconciler reads by; a paid, closed or failed attempt is not indexed by state. */
    static final Set<String> OPEN_ATTEMPT_STATES =
            Set.of(PaymentAttempt.NEW, PaymentAttempt.PENDING, PaymentAttempt.UNKNOWN);

    /**
     * Payment attempts by {@code provider:merchantReference}; by order; by state while open (every paid order has an
     * attempt, and only the reconciler reads by state, for the open ones).
     */
    public static final AggregateType<PaymentAttempt> ATTEMPT =
            AggregateType.builder("payment_attempt", PaymentAttempt.class, PaymentAttempt::id)
                    .index("order", a -> a.order().value())
                    .sortedIndex(BY_STATE, a -> OPEN_ATTEMPT_STATES.contains(a.state()) ? a.state() : null,
                            a -> SortKeys.instant(a.updatedAt()))
                    .build();

    /**
     * Processed notifications by {@code provider:eventId}; by disposition while kept for review, the only disposition
     * read by (every paid order has a settled notification); by payment reference; by age until pruned, except those
     * kept for review (a person still needs their detail). Records stored before the reference and age indexes
     * existed are in neither.
     */
    public static final AggregateType<ReceivedNotification> NOTIFICATION =
            AggregateType.builder("payment_notification", ReceivedNotification.class, ReceivedNotification::id)
                    .sortedIndex(BY_DISPOSITION,
                            n -> Disposition.KEPT_FOR_REVIEW.name().equals(n.disposition()) ? n.disposition() : null,
                            n -> SortKeys.instant(n.receivedAt()))
                    .index(BY_REFERENCE, n -> n.merchantReference() == null ? null
                            : n.provider() + ":" + n.merchantReference())
                    .sortedIndex(BY_AGE, n -> n.prunedAt() == null
                                    && !Disposition.KEPT_FOR_REVIEW.name().equals(n.disposition()) ? UNPRUNED : null,
                            n -> SortKeys.instant(n.receivedAt()))
                    .build();

    /**
     * Refunds by {@code order:refundKey}; unique by provider refund reference (of the current provider attempt); by
     * state; by the first reference, which every later provider attempt's reference extends; by order.
     */
    public static final AggregateType<PaymentRefund> REFUND =
            AggregateType.builder("payment_refund", PaymentRefund.class, PaymentRefund::id)
                    .unique("reference", r -> r.provider() + ":" + r.refundReference())
                    .sortedIndex(BY_STATE, PaymentRefund::state, r -> SortKeys.instant(r.updatedAt()))
                    .index("origin", r -> r.provider() + ":" + References.first(r.refundReference()))
                    .index(BY_ORDER, r -> r.order().value())
                    .build();

    private PaymentTypes() {
    }
}
