package io.learnloop.payment.internal.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.payment.internal.json.Json;

/**
 * The fields of a Stripe invoice ({@code data.object} of {@code invoice.*} events) that Stripe Billing reads.
 *
 * @param id                 {@code id}, or null
 * @param subscription       its subscription: {@code subscription} (a string, or an expanded object's {@code id})
 *                           before API version {@code 2025-03-31}, {@code parent.subscription_details.subscription}
 *                           from it on; null for an invoice of no subscription
 * @param amountPaid         {@code amount_paid} in the currency's minor units, or null
 * @param currency           {@code currency}, or null
 * @param status             {@code status}, or null
 * @param attemptCount       {@code attempt_count}, or null
 * @param nextPaymentAttempt {@code next_payment_attempt} in epoch seconds, or null when Stripe will not retry
 * @param failureCode        {@code last_finalization_error.code}, or null
 */
public record BillingInvoice(String id, String subscription, Long amountPaid, String currency, String status,
                             Long attemptCount, Long nextPaymentAttempt, String failureCode) {
    /**
     * Reads an invoice.
     *
     * @param invoice the invoice object
     * @return its fields
     */
    public static BillingInvoice of(JsonNode invoice) {
        return new BillingInvoice(Json.text(invoice, "id"), subscriptionOf(invoice), Json.number(invoice, "amount_paid"),
                Json.text(invoice, "currency"), Json.text(invoice, "status"), Json.number(invoice, "attempt_count"),
                Json.number(invoice, "next_payment_attempt"), Json.text(invoice, "last_finalization_error", "code"));
    }

    private static String subscriptionOf(JsonNode invoice) {
        String direct = Json.text(invoice, "subscription");
        if (direct != null) {
            return direct;
        }
        String expanded = Json.text(invoice, "subscription", "id");
        return expanded != null ? expanded : Json.text(invoice, "parent", "subscription_details", "subscription");
    }
}
