package io.learnloop.payment.internal.stripe;

import io.learnloop.core.store.AggregateType;

import java.time.Instant;

/**
 * A Stripe Billing event already applied, so a repeated delivery applies nothing more. It commits with the change the
 * event made to the subscription.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id           {@code stripe-billing:} and the event id
 * @param eventType    the event's type
 * @param subscription the Stripe subscription it named, or null
 * @param disposition  what was done, a {@code BillingDisposition}
 * @param detail       what was done, in words
 * @param receivedAt   when it was applied
 */
public record BillingEventRecord(String id, String eventType, String subscription, String disposition, String detail,
                                 Instant receivedAt) {
    /** Applied events by id. */
    public static final AggregateType<BillingEventRecord> TYPE =
            AggregateType.builder("stripe_billing_event", BillingEventRecord.class, BillingEventRecord::id).build();

    /**
     * The record id of an event.
     *
     * @param eventId Stripe's event id
     * @return the id
     */
    public static String idOf(String eventId) {
        return "stripe-billing:" + eventId;
    }
}
