package io.learnloop.payment;

import io.learnloop.core.commerce.Order;

import java.util.List;

/**
 * The result of {@link Payments#refund}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param order         the order after the refund was recorded
 * @param state         where the money is: SENT (the provider accepted it), CONFIRMED (the provider reported it
 *                      done), RETRY (the provider failed transiently or with an unknown outcome;
 *                      {@link Payments#reconcile()} asks the provider and re-sends it only if it does not know it),
 *                      FAILED (the provider refused or closed the refund; needs a person, who may call
 *                      {@link Payments#resendRefund}), BLOCKED (the provider did not act because it refused our
 *                      configuration or credentials, or the request could not be made; fix the cause, then call
 *                      {@link Payments#resendRefund}), ACTION_REQUIRED (the provider waits for someone to act, for
 *                      example WeChat Pay ABNORMAL; needs a person), REVERSED (confirmed, then reported failed by the
 *                      provider; needs a person), MISMATCH (the provider reports another amount; needs a person) or
 *                      RESOLVED (a person settled it outside the SDK; see {@link Payments#resolveRefund})
 * @param providerRefundId the provider's refund id, or null
 * @param revokedLines  the order lines whose access was revoked (lines refunded in full)
 * @param detail        the provider's error, or null
 */
public record RefundOutcome(Order order, String state, String providerRefundId, List<Integer> revokedLines,
                            String detail) {
    /**
     * Copies the list.
     *
     * @param order            the order
     * @param state            the state
     * @param providerRefundId the provider's id
     * @param revokedLines     revoked lines
     * @param detail           detail
     */
    public RefundOutcome {
        revokedLines = List.copyOf(revokedLines);
    }
}
