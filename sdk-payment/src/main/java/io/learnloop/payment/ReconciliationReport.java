package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;

import java.util.List;

/**
 * What one {@link Payments#reconcile()} run did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param checked      how many payment attempts were queried
 * @param settled      orders found paid and settled
 * @param expired      orders expired because their payment deadline passed unpaid
 * @param pending      orders still waiting for the payer
 * @param refundsSent  refunds re-sent to the provider
 * @param failures     attempts that could not be checked (provider errors), for logs
 */
public record ReconciliationReport(int checked, List<OrderId> settled, List<OrderId> expired, List<OrderId> pending,
                                   int refundsSent, List<String> failures) {
    /**
     * Copies the lists.
     *
     * @param checked     attempts queried
     * @param settled     settled orders
     * @param expired     expired orders
     * @param pending     pending orders
     * @param refundsSent refunds re-sent
     * @param failures    failures
     */
    public ReconciliationReport {
        settled = List.copyOf(settled);
        expired = List.copyOf(expired);
        pending = List.copyOf(pending);
        failures = List.copyOf(failures);
    }
}
