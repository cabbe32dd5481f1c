package io.learnloop.core.ledger;

import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderRefund;
import io.learnloop.core.error.Validator;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A refund to post: every share of each refunded line gives back the refund's proportion of that line.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param orderId   the order
 * @param refundKey the refund's idempotency key, 1 to 128 characters
 * @param lines     the refunded amount per line, each positive and each line once
 */
public record RefundPosting(OrderId orderId, String refundKey, List<LineAmount> lines) {
    /**
     * Validates and copies.
     *
     * @param orderId   the order
     * @param refundKey the key
     * @param lines     the lines
     */
    public RefundPosting {
        Validator v = new Validator().notNull("orderId", orderId).notBlank("refundKey", refundKey, 128)
                .notNull("lines", lines);
        v.throwIfInvalid();
        v.check(!lines.isEmpty(), "lines", "must list at least one line")
                .check(lines.stream().noneMatch(Objects::isNull), "lines", "must not contain null");
        v.throwIfInvalid();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            LineAmount la = lines.get(i);
            v.check(seen.add(la.line()), "lines[" + i + "].line", "repeats line " + la.line())
                    .notNull("lines[" + i + "].amount", la.amount())
                    .check(la.amount() == null || la.amount().isPositive(), "lines[" + i + "].amount",
                            "must be positive");
        }
        v.throwIfInvalid();
        lines = List.copyOf(lines);
    }

    /**
     * The posting of a refund recorded on an order.
     *
     * @param orderId the order
     * @param refund  the refund
     * @return the posting
     */
    public static RefundPosting of(OrderId orderId, OrderRefund refund) {
        new Validator().notNull("refund", refund).throwIfInvalid();
        return new RefundPosting(orderId, refund.refundKey(), refund.lines());
    }
}
