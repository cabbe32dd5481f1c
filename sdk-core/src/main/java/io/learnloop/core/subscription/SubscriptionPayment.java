package io.learnloop.core.subscription;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * A renewal payment a channel has confirmed with its provider (a paid invoice, a successful agreement deduction).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider   the provider, 1 to 32 characters
 * @param externalId the provider's id of the subscription or agreement
 * @param reference  the provider's reference of this payment (an invoice id, a trade number), 1 to 128 characters;
 *                   the same payment always carries the same reference, which makes recording it again harmless
 * @param amount     what was paid; must equal the subscription's {@link Subscription#price()}
 */
public record SubscriptionPayment(String provider, String externalId, String reference, Money amount) {
    /**
     * Validates.
     *
     * @param provider   the provider
     * @param externalId the provider's id
     * @param reference  the payment's reference
     * @param amount     the amount
     */
    public SubscriptionPayment {
        new Validator().notBlank("provider", provider, 32)
                .notBlank("externalId", externalId, Subscription.MAX_EXTERNAL_ID)
                .notBlank("reference", reference, 128).notNull("amount", amount).throwIfInvalid();
    }
}
