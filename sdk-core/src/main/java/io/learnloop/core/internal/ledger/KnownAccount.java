package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.LedgerAccount;

import java.time.Instant;
import java.util.Currency;

/**
 * An account that moved in a currency, written once when it first moves and never again.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       the account key
 * @param account  the account
 * @param currency the currency
 * @param since    when it first moved
 */
public record KnownAccount(String id, LedgerAccount account, Currency currency, Instant since) {
}
