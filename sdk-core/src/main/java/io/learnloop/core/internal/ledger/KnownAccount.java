package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.LedgerAccount;

import java.time.Instant;
import java.util.Currency;

/**
 * An account that moved in a currency, written when it first moves. A payout from the account moves its count of
 * payouts, so two payouts from one account meet on this record and the second sees the first's effect on the
 * balance (which, being counters, would not make them meet).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       the account key
 * @param account  the account
 * @param currency the currency
 * @param since    when it first moved
 * @param payouts  how many payouts were made from it
 */
public record KnownAccount(String id, LedgerAccount account, Currency currency, Instant since, long payouts) {
    /**
     * The same account after one more payout.
     *
     * @return the new record
     */
    public KnownAccount afterPayout() {
        return new KnownAccount(id, account, currency, since, payouts + 1);
    }
}
