package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One stripe of what moved an account on one UTC day.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        account key, day and stripe
 * @param account   the account
 * @param day       the UTC day
 * @param stripe    the stripe number
 * @param amount    the net movement
 * @param entries   how many entries moved it
 * @param updatedAt when it last moved
 */
public record DayMovement(String id, LedgerAccount account, LocalDate day, int stripe, Money amount, long entries,
                          Instant updatedAt) {
    /**
     * The account key the movement belongs to.
     *
     * @return the key
     */
    public String accountKey() {
        return LedgerTypes.accountKey(account, amount.currency());
    }

    /**
     * The movement after one more entry.
     *
     * @param more the entry's amount for the account
     * @param at   when
     * @return the movement
     */
    DayMovement plus(Money more, Instant at) {
        return new DayMovement(id, account, day, stripe, amount.plus(more), entries + 1, at);
    }
}
