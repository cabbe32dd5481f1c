package io.learnloop.payment;

import io.learnloop.core.money.Money;

/**
 * The provider's answer to a refund.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider         the provider
 * @param refundReference  the host's refund id
 * @param providerRefundId the provider's refund id, or null
 * @param state            the mapped state
 * @param amount           the amount refunded
 */
public record RefundResult(ProviderId provider, String refundReference, String providerRefundId, RefundState state,
                           Money amount) {
}
