package io.learnloop.core.ledger;

import io.learnloop.core.money.Money;

/**
 * An account's balance in one currency.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param account the account
 * @param amount  the balance: the sum of every posting on the account in that currency
 */
public record Balance(LedgerAccount account, Money amount) {
}
