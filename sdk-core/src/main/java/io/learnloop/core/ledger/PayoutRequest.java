package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * Money paid out to a payee from the money a provider holds. Idempotent per payout key.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payoutKey the caller's idempotency key, 1 to 128 characters
 * @param payee     the platform, a creator or an affiliate account
 * @param amount    the amount, positive, at most the payee's balance and the provider's held money
 * @param provider  the provider whose clearing account funds it
 * @param memo      a note (for example the bank transfer's reference), up to 500 characters, or null
 */
public record PayoutRequest(String payoutKey, LedgerAccount payee, Money amount, String provider, String memo) {
    /**
     * Validates.
     *
     * @param payoutKey the key
     * @param payee     the payee
     * @param amount    the amount
     * @param provider  the provider
     * @param memo      the memo
     */
    public PayoutRequest {
        new Validator().notBlank("payoutKey", payoutKey, 128).notNull("payee", payee).notNull("amount", amount)
                .check(amount == null || amount.isPositive(), "amount", "must be positive")
                .check(payee == null || payee.kind() != AccountKind.CLEARING
                        && payee.kind() != AccountKind.CHANNEL_FEE, "payee",
                        "must be the platform, a creator or an affiliate")
                .notBlank("provider", provider, 128).maxLength("memo", memo, 500).throwIfInvalid();
    }
}
