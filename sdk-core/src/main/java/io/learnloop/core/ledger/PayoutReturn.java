package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * Money paid out that came back from the payee: a returned or reversed transfer. Idempotent per (payout key, return
 * key).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payoutKey the key the payout was posted under, 1 to 128 characters
 * @param returnKey the return's idempotency key (for example the provider's reversal id), 1 to 128 characters
 *                  without a colon
 * @param amount    the amount that came back, positive, in the payout's currency
 * @param memo      a note, up to 500 characters, or null
 */
public record PayoutReturn(String payoutKey, String returnKey, Money amount, String memo) {
    /**
     * Validates.
     *
     * @param payoutKey the payout key
     * @param returnKey the return key
     * @param amount    the amount
     * @param memo      the memo
     */
    public PayoutReturn {
        new Validator().notBlank("payoutKey", payoutKey, 128).notBlank("returnKey", returnKey, 128)
                .check(returnKey == null || returnKey.indexOf(':') < 0, "returnKey", "must not contain ':'")
                .notNull("amount", amount).check(amount == null || amount.isPositive(), "amount", "must be positive")
                .maxLength("memo", memo, 500).throwIfInvalid();
    }
}
