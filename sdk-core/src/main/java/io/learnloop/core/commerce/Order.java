package io.learnloop.core.commerce;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * An order: a learner's purchase of one or more offers, priced once when placed, then moved through
 * {@link OrderStatus} by payment, cancellation, expiry and refunds. Amounts obey
 * {@code subtotal - discount = total}, {@code sum(lines.net) = total} and {@code sum(lines.refunded) = refunded}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        the order's id
 * @param learner   who buys
 * @param clientKey the caller's idempotency key: placing again with it returns this order
 * @param lines     the lines, numbered from 1
 * @param discounts the coupons applied, in order
 * @param subtotal  the sum of the list prices
 * @param discount  the sum of the discounts
 * @param total     what the learner pays
 * @param refunded  what was refunded so far
 * @param status    the state
 * @param createdAt when it was placed
 * @param updatedAt when it last changed
 * @param expiresAt when it expires if still unpaid
 * @param paidAt    when it was paid, or null
 * @param payment   the payment's receipt, or null
 * @param refunds   the refunds, oldest first
 */
public record Order(OrderId id, UserId learner, String clientKey, List<OrderLine> lines,
                    List<AppliedDiscount> discounts, Money subtotal, Money discount, Money total, Money refunded,
                    OrderStatus status, Instant createdAt, Instant updatedAt, Instant expiresAt, Instant paidAt,
                    PaymentReceipt payment, List<OrderRefund> refunds) {
    /**
     * Copies the lists.
     *
     * @param id        the id
     * @param learner   the learner
     * @param clientKey the client key
     * @param lines     the lines
     * @param discounts the discounts
     * @param subtotal  the subtotal
     * @param discount  the discount
     * @param total     the total
     * @param refunded  the refunded amount
     * @param status    the status
     * @param createdAt created
     * @param updatedAt updated
     * @param expiresAt expires
     * @param paidAt    paid
     * @param payment   the receipt
     * @param refunds   the refunds
     */
    public Order {
        lines = lines == null ? List.of() : List.copyOf(lines);
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /**
     * One line by number.
     *
     * @param number the line number, from 1
     * @return the line, or null if there is none
     */
    public OrderLine line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : null;
    }

    /**
     * A refund by its key.
     *
     * @param refundKey the key
     * @return the refund, or null
     */
    public OrderRefund refund(String refundKey) {
        for (OrderRefund r : refunds) {
            if (r.refundKey().equals(refundKey)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The same order in another state.
     *
     * @param next the new state
     * @param now  when it changed
     * @return the changed order
     */
    public Order withStatus(OrderStatus next, Instant now) {
        return new Order(id, learner, clientKey, lines, discounts, subtotal, discount, total, refunded, next,
                createdAt, now, expiresAt, paidAt, payment, refunds);
    }

    /**
     * The same order, paid; the deadline of each pay-per-outcome line counts from now.
     *
     * @param receipt the payment's receipt
     * @param now     when it was paid
     * @return the changed order
     */
    public Order withPayment(PaymentReceipt receipt, Instant now) {
        // a pay-per-outcome line's deadline counts from the payment
        List<OrderLine> paidLines = lines.stream().map(l -> l.outcome() == null ? l
                : l.withOutcome(l.outcome().paidAt(now))).toList();
        return new Order(id, learner, clientKey, paidLines, discounts, subtotal, discount, total, refunded,
                OrderStatus.PAID, createdAt, now, expiresAt, now, receipt, refunds);
    }

    /**
     * The same order with a refund applied.
     *
     * @param newLines the lines with their new refunded amounts
     * @param refund   the refund
     * @param next     the new state
     * @param now      when
     * @return the changed order
     */
    public Order withRefund(List<OrderLine> newLines, OrderRefund refund, OrderStatus next, Instant now) {
        List<OrderRefund> all = new java.util.ArrayList<>(refunds);
        all.add(refund);
        return new Order(id, learner, clientKey, newLines, discounts, subtotal, discount, total,
                refunded.plus(refund.total()), next, createdAt, now, expiresAt, paidAt, payment, all);
    }

    /**
     * The same order with one line's outcome changed.
     *
     * @param number  the line number
     * @param outcome the line's outcome
     * @param now     when
     * @return the changed order
     */
    public Order withLineOutcome(int number, LineOutcome outcome, Instant now) {
        List<OrderLine> changed = new java.util.ArrayList<>(lines);
        changed.set(number - 1, lines.get(number - 1).withOutcome(outcome));
        return new Order(id, learner, clientKey, changed, discounts, subtotal, discount, total, refunded, status,
                createdAt, now, expiresAt, paidAt, payment, refunds);
    }
}
