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
 * @param state            {@link #PENDING}, {@link #SENT}, {@link #CONFIRMED}, {@link #RETRY}, {@link #FAILED},
 *                         {@link #ACTION_REQUIRED}, {@link #BLOCKED}, {@link #REVERSED}, {@link #MISMATCH} or
 *                         {@link #RESOLVED}
 * @param providerRefundId the provider's id, or null
 * @param detail           the last provider error, or null
 * @param updatedAt        when it last changed
 * @param resends          how many times it was sent again under a new reference after the provider failed or
 *                         closed it (0 for the first reference; stored records without it read as 0)
 * @param resolution       the note of the person who closed it as {@link #RESOLVED}, or null (also for stored records
 *                         from before refunds could be resolved)
 * @param resolvedAt       when it was resolved, or null
 * @param earlierSuccess   the reference of an earlier provider attempt that reported success after the refund was
 *                         sent again under a new reference (the payer may have been refunded twice), or null
 */
public record PaymentRefund(String id, OrderId order, String refundKey, String provider, String attemptId,
                            String refundReference, Money amount, String reason, String state,
                            String providerRefundId, String detail, Instant updatedAt, int resends,
                            String resolution, Instant resolvedAt, String earlierSuccess) {
    /** Stored, not yet sent. */
    public static final String PENDING = "PENDING";
    /** Accepted by the provider; the money is on its way. */
    public static final String SENT = "SENT";
    /** The provider reported the money returned. */
    public static final String CONFIRMED = "CONFIRMED";
    /** The last send failed transiently or with an unknown outcome; reconciliation queries, then re-sends. */
    public static final String RETRY = "RETRY";
    /** The provider refused or closed it; no money moved; needs a person: listed for review on every run. */
    public static final String FAILED = "FAILED";
    /** The provider waits for someone to act (WeChat Pay ABNORMAL, Stripe requires_action); needs a person. */
    public static final String ACTION_REQUIRED = "ACTION_REQUIRED";
    /**
     * The provider did not act: our configuration or credentials were refused, or the request never left (expired
     * certificate, bad API key, signature problem, an invalid request the host can fix). Reconciliation does not send
     * it again on its own but lists it for review on every run; {@code resendRefund} sends it once the host has
     * fixed the cause.
     */
    public static final String BLOCKED = "BLOCKED";
    /**
     * Confirmed, then reported failed by the provider (Stripe: a refund may fail after it succeeded): the books say
     * the money was returned, but it was not. Listed for review on every run; nothing is re-granted or reversed.
     */
    public static final String REVERSED = "REVERSED";
    /**
     * The provider reports another amount than the one stored: never confirmed on its own; listed for review on
     * every run.
     */
    public static final String MISMATCH = "MISMATCH";
    /**
     * A person settled it outside the SDK (at the provider, or by returning the money another way) and closed it with
     * a note: terminal; never listed for review, asked about or sent again.
     */
    public static final String RESOLVED = "RESOLVED";

    /**
     * A refund that was never resolved.
     *
     * @param id               {@code order:refundKey}
     * @param order            the order
     * @param refundKey        the caller's key
     * @param provider         the provider
     * @param attemptId        the paid attempt's id
     * @param refundReference  the reference sent to the provider
     * @param amount           the amount
     * @param reason           the reason, or null
     * @param state            the state
     * @param providerRefundId the provider's id, or null
     * @param detail           the last provider error, or null
     * @param updatedAt        when it last changed
     * @param resends          how many times it was sent again under a new reference
     */
    public PaymentRefund(String id, OrderId order, String refundKey, String provider, String attemptId,
                         String refundReference, Money amount, String reason, String state,
                         String providerRefundId, String detail, Instant updatedAt, int resends) {
        this(id, order, refundKey, provider, attemptId, refundReference, amount, reason, state, providerRefundId,
                detail, updatedAt, resends, null, null, null);
    }

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
                providerId != null ? providerId : providerRefundId, why, now, resends, resolution, resolvedAt, earlierSuccess);
    }

    /**
     * A copy to be sent again as a new provider attempt: the next derived reference, no provider refund id, state
     * {@link #PENDING}.
     *
     * @param nextReference the reference of the new attempt
     * @param now           when
     * @return the copy
     */
    public PaymentRefund resent(String nextReference, Instant now) {
        return new PaymentRefund(id, order, refundKey, provider, attemptId, nextReference, amount, reason, PENDING,
                null, null, now, resends + 1, resolution, resolvedAt, earlierSuccess);
    }

    /**
     * A copy closed as {@link #RESOLVED}; the provider's id, the detail and the reference are kept.
     *
     * @param note the person's note
     * @param now  when
     * @return the copy
     */
    public PaymentRefund resolved(String note, Instant now) {
        return new PaymentRefund(id, order, refundKey, provider, attemptId, refundReference, amount, reason, RESOLVED,
                providerRefundId, detail, now, resends, note, now, earlierSuccess);
    }

    /**
     * A copy recording that an earlier provider attempt reported success; the state does not change.
     *
     * @param reference the earlier attempt's reference
     * @param now       when
     * @return the copy
     */
    public PaymentRefund withEarlierSuccess(String reference, Instant now) {
        return new PaymentRefund(id, order, refundKey, provider, attemptId, refundReference, amount, reason, state,
                providerRefundId, detail, now, resends, resolution, resolvedAt, reference);
    }
}
