package io.learnloop.payment.internal.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.payment.internal.json.Json;

/**
 * The fields of a Stripe subscription ({@code data.object} of {@code customer.subscription.*} events) that Stripe
 * Billing reads.
 *
 * @param id                {@code id}, or null
 * @param status            {@code status}, or null
 * @param cancelAtPeriodEnd {@code cancel_at_period_end} (false when absent)
 */
public record BillingSubscription(String id, String status, boolean cancelAtPeriodEnd) {
    /**
     * Reads a subscription.
     *
     * @param subscription the subscription object
     * @return its fields
     */
    public static BillingSubscription of(JsonNode subscription) {
        return new BillingSubscription(Json.text(subscription, "id"), Json.text(subscription, "status"),
                subscription.path("cancel_at_period_end").asBoolean(false));
    }
}
