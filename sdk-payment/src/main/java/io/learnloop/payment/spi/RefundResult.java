package io.learnloop.payment.spi;

import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundState;
import io.learnloop.core.money.Money;

/**
 * The provider's answer to a refund or to a refund query.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider         the provider
 * @param refundReference  the host's refund id
 * @param providerRefundId the provider's refund id, or null
 * @param state            the mapped state
 * @param amount           the amount refunded, or null when the provider did not say (for example
 *                         {@link RefundState#NOT_FOUND})
 * @param providerState    the provider's own state and failure reason text, for logs and support, or null
 */
public record RefundResult(ProviderId provider, String refundReference, String providerRefundId, RefundState state,
                           Money amount, String providerState) {
    /**
     * A result without the provider's state text.
     *
     * @param provider         the provider
     * @param refundReference  the host's refund id
     * @param providerRefundId the provider's refund id, or null
     * @param state            the mapped state
     * @param amount           the amount refunded
     */
    public RefundResult(ProviderId provider, String refundReference, String providerRefundId, RefundState state,
                        Money amount) {
        this(provider, refundReference, providerRefundId, state, amount, null);
    }

    /**
     * The answer for a refund the provider does not know.
     *
     * @param provider        the provider
     * @param refundReference the host's refund id
     * @param providerState   the provider's text (for example its error code), or null
     * @return the result, in state {@link RefundState#NOT_FOUND}
     */
    public static RefundResult notFound(ProviderId provider, String refundReference, String providerState) {
        return new RefundResult(provider, refundReference, null, RefundState.NOT_FOUND, null, providerState);
    }
}
