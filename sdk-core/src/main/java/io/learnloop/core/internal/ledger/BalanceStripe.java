package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * One of the stripes an account's balance is kept in: the account's balance is the sum of its stripes.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         account key and stripe
 * @param account    the account
 * @param stripe     the stripe number
 * @param balance    this stripe's share of the balance
 * @param entries    how many entries moved this stripe
 * @param updatedAt  when it last moved
 */
public record BalanceStripe(String id, LedgerAccount account, int stripe, Money balance, long entries,
                            Instant updatedAt) {
    /**
     * The account key the stripe belongs to.
     *
     * @return the key
     */
    public String accountKey() {
        return LedgerTypes.accountKey(account, balance.currency());
    }

    /**
     * The stripe after one more entry.
     *
     * @param amount the entry's amount for the account
     * @param at     when
     * @return the stripe
     */
    BalanceStripe plus(Money amount, Instant at) {
        return new BalanceStripe(id, account, stripe, balance.plus(amount), entries + 1, at);
    }
}
