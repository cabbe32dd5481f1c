package io.learnloop.payment;

/**
 * A refund's state at the provider.
 *
 * <p>Thread-safe: an enum.
 */
public enum RefundState {
    /** Accepted, money not yet returned (WeChat PROCESSING, Stripe pending). */
    PENDING,
    /** The money was returned. */
    SUCCEEDED,
    /** The refund failed or was closed; no money moved. */
    FAILED
}
