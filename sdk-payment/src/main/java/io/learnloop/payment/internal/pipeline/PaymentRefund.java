package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * A refund sent (or to be sent) to a provider, as stored.
 *
 * @param id               {@code order:refundKey}
 * @param order            the order
 * @param refundKey        the caller's key
 * @param provider         the provider
 * @param attemptId        the paid attempt's id
 * @param refundReference  the reference sent to the provider
 * @param amount           the amount
 * @param reason           the reason, or null
 * @param state            {@link #PENDING}, {@link #SENT}, {@link #CONFIRMED}, {@link #RETRY}, {@link #FAILED} or
 *                         {@link #ACTION_REQUIRED}
 * @param providerRefundId the provider's id, or null
 * @param detail           the last provider error, or null
 * @param updatedAt        when it last changed
 */
public record PaymentRefund(String id, OrderId order, String refundKey, String provider, String attemptId,
                            String refundReference, Money amount, String reason, String state,
                            String providerRefundId, String detail, Instant updatedAt) {
    /** Stored, not yet sent. */
    public static final String PENDING = "PENDING";
    /** Accepted by the provider; the money is on its way. */
    public static final String SENT = "SENT";
    /** The provider reported the money returned. */
    public static final String CONFIRMED = "CONFIRMED";
    /** The last send failed transiently or with an unknown outcome; reconciliation queries, then re-sends. */
    public static final String RETRY = "RETRY";
    /** The provider refused or closed it; no money moved; needs a person. */
    public static final String FAILED = "FAILED";
    /** The provider waits for someone to act (WeChat Pay ABNORMAL, Stripe requires_action); needs a person. */
    public static final String ACTION_REQUIRED = "ACTION_REQUIRED";

    /**
     * A copy in another state.
     *
     * @param next       the state
     * @param providerId the provider's refund id, or null to keep
     * @param why        the detail
     * @param now        when
     * @return the copy
     */
    public PaymentRefund with(String next, String providerId, String why, Instant now) {
        return new PaymentRefund(id, order, refundKey, provider, attemptId, refundReference, amount, reason, next,
                providerId != null ? providerId : providerRefundId, why, now);
    }
}
