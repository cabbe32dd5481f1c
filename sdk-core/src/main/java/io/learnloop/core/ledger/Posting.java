package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * One leg of a journal entry: an amount added to (positive) or taken from (negative) one account.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param account the account
 * @param amount  the signed amount
 * @param line    the order line it belongs to (from 1), or 0 for none
 */
public record Posting(LedgerAccount account, Money amount, int line) {
    /**
     * Validates.
     *
     * @param account the account
     * @param amount  the amount
     * @param line    the line
     */
    public Posting {
        new Validator().notNull("posting.account", account).notNull("posting.amount", amount)
                .notNegative("posting.line", line).throwIfInvalid();
    }
}
