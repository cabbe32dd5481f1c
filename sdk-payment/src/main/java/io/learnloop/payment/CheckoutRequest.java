package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

/**
 * Asks {@link Payments#checkout} to take payment for an order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param order       the order (CREATED or AWAITING_PAYMENT)
 * @param provider    the provider to pay with
 * @param flow        how the payer pays
 * @param description what the payer sees, at most 127 characters
 * @param returnUrl   where a redirect flow returns, or null
 * @param cancelUrl   where a cancelled Stripe Checkout returns, or null
 * @param payerId     the payer's provider id (WeChat openid for JSAPI), or null
 */
public record CheckoutRequest(OrderId order, ProviderId provider, PaymentFlow flow, String description,
                              String returnUrl, String cancelUrl, String payerId) {
    /**
     * Validates the request.
     *
     * @param order       the order
     * @param provider    the provider
     * @param flow        the flow
     * @param description the description
     * @param returnUrl   the return URL or null
     * @param cancelUrl   the cancel URL or null
     * @param payerId     the payer id or null
     * @throws ValidationException naming every bad field
     */
    public CheckoutRequest {
        new Validator().notNull("order", order).notNull("provider", provider).notNull("flow", flow)
                .notBlank("description", description, 127).throwIfInvalid();
    }

    /**
     * A request with only the required fields.
     *
     * @param order       the order
     * @param provider    the provider
     * @param flow        the flow
     * @param description the description
     * @return the request
     */
    public static CheckoutRequest of(OrderId order, ProviderId provider, PaymentFlow flow, String description) {
        return new CheckoutRequest(order, provider, flow, description, null, null, null);
    }
}
