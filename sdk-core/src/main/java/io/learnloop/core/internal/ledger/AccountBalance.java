package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * The running balance of one account in one currency, kept beside the entries and changed by compare-and-set in
 * the same transaction as each entry, so checks such as "payout at most the balance" are race-free.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        {@code <account key>|<currency>}
 * @param account   the account
 * @param balance   the balance
 * @param entries   how many entries moved it
 * @param updatedAt when it last moved
 */
public record AccountBalance(String id, LedgerAccount account, Money balance, long entries, Instant updatedAt) {
    static String idOf(LedgerAccount account, java.util.Currency currency) {
        return account.key() + "|" + currency.getCurrencyCode();
    }
}
