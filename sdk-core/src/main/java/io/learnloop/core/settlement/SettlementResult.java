package io.learnloop.core.settlement;

import io.learnloop.core.access.Grant;
import io.learnloop.core.commerce.Order;

import java.util.List;

/**
 * The outcome of settling a payment.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param status what was done
 * @param order  the order after settling
 * @param grants the grants the settlement made now (empty when nothing was granted now)
 * @param issue  the issue raised, when {@code status} is {@link SettlementStatus#HELD_FOR_REVIEW}; else null
 */
public record SettlementResult(SettlementStatus status, Order order, List<Grant> grants, SettlementIssue issue) {
    /**
     * Copies the grants.
     *
     * @param status the status
     * @param order  the order
     * @param grants the grants
     * @param issue  the issue, or null
     */
    public SettlementResult {
        grants = List.copyOf(grants);
    }
}
