package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * One attempt to collect an order's payment at one provider, as stored.
 *
 * @param id                {@code provider:merchantReference}
 * @param order             the order
 * @param provider          the provider id
 * @param attempt           the attempt number, from 1
 * @param merchantReference the reference sent to the provider
 * @param flow              the flow name
 * @param amount            the amount asked for
 * @param state             NEW, PENDING, UNKNOWN, PAID, CLOSED or FAILED
 * @param providerPaymentId the provider's payment id, or null
 * @param createdAt         when the attempt started
 * @param updatedAt         when it last changed
 */
public record PaymentAttempt(String id, OrderId order, String provider, int attempt, String merchantReference,
                             String flow, Money amount, String state, String providerPaymentId, Instant createdAt,
                             Instant updatedAt) {
    /** Not yet sent, or known not to have arrived. */
    public static final String NEW = "NEW";
    /** Created at the provider, waiting for the payer. */
    public static final String PENDING = "PENDING";
    /** The create call failed in a way that may have reached the provider. */
    public static final String UNKNOWN = "UNKNOWN";
    /** Paid and settled. */
    public static final String PAID = "PAID";
    /** Closed or expired at the provider. */
    public static final String CLOSED = "CLOSED";
    /** Refused by the provider. */
    public static final String FAILED = "FAILED";

    /**
     * A copy in another state.
     *
     * @param next      the state
     * @param paymentId the provider's payment id, or null to keep the current one
     * @param now       when
     * @return the copy
     */
    public PaymentAttempt with(String next, String paymentId, Instant now) {
        return new PaymentAttempt(id, order, provider, attempt, merchantReference, flow, amount, next,
                paymentId != null ? paymentId : providerPaymentId, createdAt, now);
    }

    /**
     * Whether the attempt still waits for an outcome.
     *
     * @return true for NEW, PENDING and UNKNOWN
     */
    public boolean open() {
        return NEW.equals(state) || PENDING.equals(state) || UNKNOWN.equals(state);
    }
}
