package io.learnloop.core.commerce;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an order:
 * {@code CREATED -> AWAITING_PAYMENT -> PAID -> PARTIALLY_REFUNDED -> REFUNDED}, with {@code PAID -> REFUNDED}
 * directly, and {@code CANCELLED} or {@code EXPIRED} from the two unpaid states. {@code REFUNDED},
 * {@code CANCELLED} and {@code EXPIRED} are final.
 *
 * <p>Thread-safe: an enum.
 */
public enum OrderStatus {
    /** Placed, priced, coupons held; no payment started. */
    CREATED,
    /** A payment was started and its outcome is awaited. */
    AWAITING_PAYMENT,
    /** Paid in full. */
    PAID,
    /** Some money was refunded; some lines keep their value. */
    PARTIALLY_REFUNDED,
    /** Every line was refunded in full. */
    REFUNDED,
    /** Cancelled before payment; its coupons were given back. */
    CANCELLED,
    /** Not paid in time; its coupons were given back. */
    EXPIRED;

    /**
     * The states this one may move to.
     *
     * @return the allowed next states, unmodifiable (empty for final states)
     */
    public Set<OrderStatus> next() {
        return Collections.unmodifiableSet(switch (this) {
            case CREATED -> EnumSet.of(AWAITING_PAYMENT, CANCELLED, EXPIRED);
            case AWAITING_PAYMENT -> EnumSet.of(PAID, CANCELLED, EXPIRED);
            case PAID -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case REFUNDED, CANCELLED, EXPIRED -> EnumSet.noneOf(OrderStatus.class);
        });
    }

    /**
     * Whether the state machine allows moving to {@code target}.
     *
     * @param target the wanted state
     * @return true if allowed
     */
    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    /**
     * Whether no further change is possible.
     *
     * @return true for REFUNDED, CANCELLED and EXPIRED
     */
    public boolean isFinal() {
        return next().isEmpty();
    }
}
