package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;

/**
 * A refund that {@link Payments#reconcile()} found stuck at the provider and that needs a person: the provider closed
 * it ({@link RefundState#FAILED}: no money moved, and the SDK does not send it again on its own) or it waits for
 * someone to act ({@link RefundState#ACTION_REQUIRED}, for example WeChat Pay ABNORMAL, where the merchant routes the
 * money elsewhere in the merchant platform; reconciliation keeps checking it and confirms it once it succeeds).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider        the provider
 * @param order           the refunded order
 * @param refundKey       the caller's refund key
 * @param refundReference the reference sent to the provider
 * @param state           {@link RefundState#FAILED} or {@link RefundState#ACTION_REQUIRED}
 * @param detail          the provider's state and reason text, or null
 */
public record RefundReview(ProviderId provider, OrderId order, String refundKey, String refundReference,
                           RefundState state, String detail) {
}
