package io.learnloop.payment.stripe;

import io.learnloop.core.subscription.Subscription;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.RejectionReason;

/**
 * The outcome of one Stripe Billing webhook delivery.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param disposition  what was done
 * @param rejection    why it was rejected, when {@code disposition} is {@link BillingDisposition#REJECTED}; else null
 * @param eventId      the event's id, or null if it was not read
 * @param eventType    the event's type, or null if it was not read
 * @param subscription the subscription after the event, or null when none was changed or found
 * @param detail       what happened, in words
 */
public record StripeBillingResult(BillingDisposition disposition, RejectionReason rejection, String eventId,
                                  String eventType, Subscription subscription, String detail) {
    /**
     * The answer to give Stripe: 200 when the event was taken (applied, a duplicate, ignored, or kept for review), 400
     * when it was rejected, so Stripe delivers it again later.
     *
     * @return the HTTP answer
     */
    public Acknowledgement acknowledgement() {
        return disposition == BillingDisposition.REJECTED
                ? new Acknowledgement(400, "application/json", "{\"received\":false}")
                : new Acknowledgement(200, "application/json", "{\"received\":true}");
    }
}
