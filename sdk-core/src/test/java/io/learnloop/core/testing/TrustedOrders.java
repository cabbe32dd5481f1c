package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.internal.commerce.DefaultCommerceService;

/**
 * The order's own transitions, each in its own transaction and without the grants and postings a settlement adds,
 * for tests that build a history piece by piece (the grants with {@link TrustedAccess}, the postings with
 * {@link TrustedLedger}).
 */
public final class TrustedOrders {
    private final DefaultCommerceService orders;

    /**
     * Wraps a facade's orders.
     *
     * @param learnloop the facade
     */
    public TrustedOrders(Learnloop learnloop) {
        this.orders = (DefaultCommerceService) learnloop.commerce();
    }

    /**
     * Moves a CREATED order through AWAITING_PAYMENT to PAID.
     *
     * @param order     the order
     * @param provider  the provider named on the receipt
     * @param reference the payment's reference
     * @return the paid order
     */
    public Order pay(OrderId order, String provider, String reference) {
        Order started = orders.startPayment(order);
        return orders.markPaid(order, new PaymentReceipt(provider, reference, started.total()));
    }

    /**
     * Records a refund on the order alone.
     *
     * @param order   the order
     * @param request the refund
     * @return the order after it
     */
    public Order refund(OrderId order, RefundRequest request) {
        return orders.refund(order, request);
    }
}
