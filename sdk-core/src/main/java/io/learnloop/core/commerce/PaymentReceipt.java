package io.learnloop.core.commerce;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * Proof that an order was paid: which provider took the money, its reference for the payment, and how much it
 * took. The amount must equal the order's total.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider  the payment provider, for example {@code "stripe"}, 1 to 32 characters
 * @param reference the provider's payment id, 1 to 128 characters
 * @param amount    the amount the provider reports
 */
public record PaymentReceipt(String provider, String reference, Money amount) {
    /**
     * Validates.
     *
     * @param provider  the provider
     * @param reference the reference
     * @param amount    the amount
     */
    public PaymentReceipt {
        new Validator()
                .notBlank("receipt.provider", provider, 32)
                .notBlank("receipt.reference", reference, 128)
                .notNull("receipt.amount", amount)
                .throwIfInvalid();
    }
}
