package io.learnloop.core.settlement;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * A refund settled in the books without asking any channel to return the money (the pay-per-outcome job books its
 * refunds this way): it awaits money return until the channel that took the payment returns the money and marks it
 * with {@link Settlement#markReturned}. Booked once per (order, refund key).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         {@code order:refundKey}
 * @param order      the order
 * @param refundKey  the refund's key on the order; a channel returns the money under this key
 * @param channel    the channel that took the order's payment (for example {@code stripe} or {@code bank-transfer})
 * @param amount     what is to be returned
 * @param bookedAt   when the refund was booked
 * @param returnedAt when a channel marked the money returned, or null while it awaits return
 * @param returnedBy the channel that marked it, or null while it awaits return
 * @param takenAt    when the channel recorded its own return of it ({@link Settlement#markTaken}), so its job no
 *                   longer sends it, or null; it still awaits return until marked returned
 */
public record BookedRefund(String id, OrderId order, String refundKey, String channel, Money amount, Instant bookedAt,
                           Instant returnedAt, String returnedBy, Instant takenAt) {
    /**
     * The id of an order's booked refund.
     *
     * @param order     the order
     * @param refundKey the refund key
     * @return the id
     */
    public static String idOf(OrderId order, String refundKey) {
        return order.value() + ":" + refundKey;
    }

    /**
     * Whether a channel has returned the money.
     *
     * @return true once marked returned
     */
    public boolean returned() {
        return returnedAt != null;
    }

    /**
     * The refund marked returned.
     *
     * @param by the channel
     * @param at when
     * @return the returned refund
     */
    public BookedRefund returnedBy(String by, Instant at) {
        return new BookedRefund(id, order, refundKey, channel, amount, bookedAt, at, by, takenAt);
    }

    /**
     * Whether the channel has recorded its own return of the money (sent, or failed and waiting for a person).
     *
     * @return true once taken
     */
    public boolean taken() {
        return takenAt != null;
    }

    /**
     * The refund taken on by its channel.
     *
     * @param at when
     * @return the taken refund
     */
    public BookedRefund takenOn(Instant at) {
        return new BookedRefund(id, order, refundKey, channel, amount, bookedAt, returnedAt, returnedBy, at);
    }
}
