package io.learnloop.core.commerce;

import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * One refund recorded on an order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param refundKey  the caller's idempotency key for this refund
 * @param lines      what was refunded per line
 * @param total      the sum of the lines
 * @param reason     why, as the caller said (may be null)
 * @param refundedAt when it was recorded
 */
public record OrderRefund(String refundKey, List<LineAmount> lines, Money total, String reason, Instant refundedAt) {
    /**
     * Copies the lines.
     *
     * @param refundKey  the key
     * @param lines      the lines
     * @param total      the total
     * @param reason     the reason
     * @param refundedAt when
     */
    public OrderRefund {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
