package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;

import java.util.List;

/**
 * What one {@link Payments#reconcile()} run did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param checked          how many payment attempts were queried
 * @param settled          orders found paid and settled
 * @param expired          orders expired because their payment deadline passed unpaid
 * @param pending          orders still waiting for the payer
 * @param refundsSent      refunds (re-)sent to the provider: after a transient failure, because the provider did
 *                         not know them, or because the core booked them without a provider (pay-per-outcome refunds)
 * @param failures         attempts and refunds that could not be checked (provider errors), for logs
 * @param refundsChecked   how many refunds were queried at the provider
 * @param refundsConfirmed refunds found succeeded and confirmed by this run (their notification had not come)
 * @param refundsForReview refunds that need a person, each with its {@link RefundReview#issue()}: closed or failed,
 *                         waiting for someone to act, blocked by our configuration, failed after they were
 *                         confirmed, or reported with another amount
 */
public record ReconciliationReport(int checked, List<OrderId> settled, List<OrderId> expired, List<OrderId> pending,
                                   int refundsSent, List<String> failures, int refundsChecked, int refundsConfirmed,
                                   List<RefundReview> refundsForReview) {
    /**
     * Copies the lists.
     *
     * @param checked          attempts queried
     * @param settled          settled orders
     * @param expired          expired orders
     * @param pending          pending orders
     * @param refundsSent      refunds (re-)sent
     * @param failures         failures
     * @param refundsChecked   refunds queried
     * @param refundsConfirmed refunds confirmed
     * @param refundsForReview refunds that need a person
     */
    public ReconciliationReport {
        settled = List.copyOf(settled);
        expired = List.copyOf(expired);
        pending = List.copyOf(pending);
        failures = List.copyOf(failures);
        refundsForReview = List.copyOf(refundsForReview);
    }

    /**
     * A report of a run that checked no refund.
     *
     * @param checked     attempts queried
     * @param settled     settled orders
     * @param expired     expired orders
     * @param pending     pending orders
     * @param refundsSent refunds re-sent
     * @param failures    failures
     */
    public ReconciliationReport(int checked, List<OrderId> settled, List<OrderId> expired, List<OrderId> pending,
                                int refundsSent, List<String> failures) {
        this(checked, settled, expired, pending, refundsSent, failures, 0, 0, List.of());
    }
}
