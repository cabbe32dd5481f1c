package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;

import java.util.Objects;

/**
 * A refund that {@link Payments#reconcile()} found stuck and that needs a person; {@link #issue()} says why. The
 * order and the revenue ledger already count every one of these refunds and the access was revoked; nothing here
 * re-grants access or reverses the ledger on its own. A person who settled one outside the SDK closes it with
 * {@link Payments#resolveRefund}, after which it is no longer listed.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider        the provider
 * @param order           the refunded order
 * @param refundKey       the caller's refund key
 * @param refundReference the reference sent to the provider
 * @param state           the provider's answer: {@link RefundState#FAILED} (closed or failed; also for a refund that
 *                        failed after it was confirmed), {@link RefundState#ACTION_REQUIRED},
 *                        {@link RefundState#NOT_FOUND} (the provider did not act: {@link Issue#BLOCKED}) or, for an
 *                        {@link Issue#AMOUNT_MISMATCH}, the state it reported
 * @param detail          the provider's state and reason text, or the error that blocked the send, or null
 * @param issue           why it needs a person
 */
public record RefundReview(ProviderId provider, OrderId order, String refundKey, String refundReference,
                           RefundState state, String detail, Issue issue) {
    /** Why a refund needs a person. Thread-safe: an enum. */
    public enum Issue {
        /**
         * The provider closed or refused it: no money moved. Listed on every run (also when only its notification
         * reported it) until {@link Payments#resendRefund} settles it; send it again that way or return the money
         * another way.
         */
        FAILED,
        /**
         * The provider waits for someone to act (WeChat Pay ABNORMAL, Stripe requires_action); listed on every run and
         * confirmed once it succeeds.
         */
        ACTION_REQUIRED,
        /**
         * The provider did not act because it refused our configuration or credentials, or the request could not be
         * made (an expired certificate, a bad API key, a signature problem, an invalid request). Listed on every run;
         * fix the cause, then call {@link Payments#resendRefund}.
         */
        BLOCKED,
        /**
         * The provider first reported the refund succeeded, then failed (Stripe): the books say the money was
         * returned, but it was not. Listed on every run until {@link Payments#resendRefund} settles it.
         */
        FAILED_AFTER_CONFIRMED,
        /** The provider reports another refunded amount than the one recorded; never confirmed on its own. */
        AMOUNT_MISMATCH
    }

    /**
     * Requires the issue.
     *
     * @param provider        the provider
     * @param order           the order
     * @param refundKey       the refund key
     * @param refundReference the reference
     * @param state           the provider's answer
     * @param detail          the detail, or null
     * @param issue           why it needs a person
     */
    public RefundReview {
        Objects.requireNonNull(issue, "issue");
    }

    /**
     * A review for a refund the provider failed, closed or holds for action, the issue following from the state.
     *
     * @param provider        the provider
     * @param order           the order
     * @param refundKey       the refund key
     * @param refundReference the reference
     * @param state           {@link RefundState#FAILED} or {@link RefundState#ACTION_REQUIRED}
     * @param detail          the provider's text, or null
     */
    public RefundReview(ProviderId provider, OrderId order, String refundKey, String refundReference,
                        RefundState state, String detail) {
        this(provider, order, refundKey, refundReference, state, detail,
                state == RefundState.ACTION_REQUIRED ? Issue.ACTION_REQUIRED : Issue.FAILED);
    }
}
