package io.learnloop.payment.stripe;

import io.learnloop.core.subscription.Subscription;

/**
 * A subscription just opened with Stripe Billing: the client confirms its first payment (or, with a trial, saves a
 * payment method) with the client secret in Stripe.js or a mobile SDK.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param subscription         the core subscription, {@code INCOMPLETE} or {@code TRIALING}
 * @param stripeSubscriptionId Stripe's subscription id ({@code sub_…})
 * @param customerId           Stripe's customer id ({@code cus_…})
 * @param clientSecret         the client secret of the first invoice's PaymentIntent, or of the pending SetupIntent
 *                             during a trial; null if Stripe returned neither. Never logged: {@link #toString()}
 *                             redacts it
 */
public record StripeSubscriptionStart(Subscription subscription, String stripeSubscriptionId, String customerId,
                                      String clientSecret) {
    @Override
    public String toString() {
        return "StripeSubscriptionStart[subscription=" + subscription.id() + ", stripeSubscriptionId="
                + stripeSubscriptionId + ", customerId=" + customerId + ", clientSecret="
                + (clientSecret == null ? "null" : "(redacted)") + "]";
    }
}
