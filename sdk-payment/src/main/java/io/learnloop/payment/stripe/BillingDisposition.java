package io.learnloop.payment.stripe;

/**
 * What {@link StripeBilling#handleNotification} did with one webhook delivery.
 *
 * <p>Thread-safe: an enum.
 */
public enum BillingDisposition {
    /** A paid invoice renewed the subscription: its period's order was settled. */
    RENEWED,
    /** A failed invoice payment made the subscription past due (or counted one more failed attempt). */
    PAYMENT_FAILED,
    /** The subscription's cancellation at period end was set or cleared. */
    CHANGED,
    /** The subscription ended now. */
    CANCELED,
    /** The event, or the invoice it names, was applied before: nothing changed. */
    DUPLICATE,
    /** Verified, but not a billing event this channel acts on (or a zero-amount invoice, such as a trial's). */
    IGNORED,
    /** Verified, but it cannot be applied automatically (money for an ended subscription): a person must look. */
    KEPT_FOR_REVIEW,
    /** Not accepted: see the rejection reason. Nothing was changed. */
    REJECTED
}
