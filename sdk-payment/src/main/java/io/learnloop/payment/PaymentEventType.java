package io.learnloop.payment;

/**
 * What a verified notification reports.
 *
 * <p>Thread-safe: an enum.
 */
public enum PaymentEventType {
    /** The payment was captured. */
    PAYMENT_SUCCEEDED,
    /** The payment attempt failed. */
    PAYMENT_FAILED,
    /** The payment was closed or expired unpaid. */
    PAYMENT_CLOSED,
    /** A refund succeeded. */
    REFUND_SUCCEEDED,
    /** A refund failed or was closed. */
    REFUND_FAILED,
    /** A verified event the SDK does not act on; acknowledge it so the provider stops resending. */
    IGNORED
}
