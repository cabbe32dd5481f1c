package io.learnloop.payment;

/**
 * What the notification pipeline did with one delivery.
 *
 * <p>Thread-safe: an enum.
 */
public enum Disposition {
    /** The payment was settled now: the order moved to PAID and access was granted. */
    SETTLED,
    /** The order was already settled by an earlier delivery or a query; nothing changed. */
    ALREADY_SETTLED,
    /** The same event was processed before; nothing changed. */
    DUPLICATE,
    /** A refund the SDK started was confirmed (or reported failed) by the provider. */
    REFUND_CONFIRMED,
    /** The payment attempt was closed or failed at the provider. */
    PAYMENT_CLOSED,
    /** The event cannot be applied yet (a refund before its payment); the provider is asked to resend. */
    RETRY_LATER,
    /** The event was verified but grants nothing (unknown payment, wrong amount, paid after expiry); see the
     *  review queue. */
    KEPT_FOR_REVIEW,
    /** The notification failed verification. */
    REJECTED,
    /** A verified event the SDK does not act on. */
    IGNORED
}
