package io.learnloop.core.settlement;

/**
 * Why a payment was held for review.
 *
 * <p>Thread-safe: an enum.
 */
public enum IssueKind {
    /**
     * The order was paid, but a line sells a course that no longer exists: that line was not granted. Refund the
     * line, or grant access to a replacement by hand.
     */
    CONTENT_UNAVAILABLE,
    /** The order was already paid by another payment: refund this one at its channel. */
    PAID_TWICE,
    /** The order was cancelled or expired before the money came: refund it at its channel, or place a new order. */
    ORDER_CLOSED,
    /** The money paid is not the order's total: nothing was settled; refund it at its channel. */
    AMOUNT_MISMATCH
}
