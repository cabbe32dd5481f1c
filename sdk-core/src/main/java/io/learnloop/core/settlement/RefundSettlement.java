package io.learnloop.core.settlement;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderRefund;

import java.util.List;

/**
 * The outcome of settling a refund in the books: the order records it, the revenue ledger claws every share back in
 * proportion, and the access of every line refunded in full is revoked, all in one transaction. Returning the money
 * is the channel's part.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param order        the order after the refund
 * @param refund       the refund as the order records it
 * @param revokedLines the lines whose access is revoked (refunded in full)
 */
public record RefundSettlement(Order order, OrderRefund refund, List<Integer> revokedLines) {
    /**
     * Copies the lines.
     *
     * @param order        the order
     * @param refund       the refund
     * @param revokedLines the revoked lines
     */
    public RefundSettlement {
        revokedLines = List.copyOf(revokedLines);
    }
}
