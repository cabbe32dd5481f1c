package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Balances without a hot record: an entry adds to one of {@value #STRIPES} stripes of each account it touches (chosen
 * by the entry) and one stripe of the account's movement on the entry's day. Both are store counters
 * ({@link UnitOfWork#add}): blind additions that never conflict, so concurrent postings to one account (the
 * platform's) neither retry nor wait on one row. An account's balance is the sum of its stripes; its balance at an
 * instant is that sum less what moved since, read from the day movements and the entries of one day, so it costs the
 * same however long the account's history is.
 *
 * <p>Thread-safe: stateless.
 */
final class Balances {
    /** How many counters one account's balance is spread over. */
    static final int STRIPES = 16;
    /** The counter family of balances; a group is an account key, a member a stripe. */
    static final String BALANCE = "ledger.balance";
    /** The counter family of day movements; a group is an account key, a member a day and a stripe. */
    static final String DAY = "ledger.day";
    /** The longest range of day stripes one read returns; a longer range is read in steps. */
    private static final int DAYS_PER_READ = 1000;
    /** How many entries of one day are read per step. */
    private static final int ENTRIES_PER_READ = 1000;

    private Balances() {
    }

    /**
     * Adds an entry's movements to the balance and day counters of its accounts, and records each account the first
     * time it moves.
     *
     * @param uow      the unit of work
     * @param entry    the new entry
     * @param accounts the accounts known to exist
     */
    static void apply(UnitOfWork uow, JournalEntry entry, KnownAccounts accounts) {
        Map<LedgerAccount, Money> moves = new LinkedHashMap<>();
        for (Posting p : entry.postings()) {
            moves.merge(p.account(), p.amount(), Money::plus);
        }
        String stripe = stripeName(Math.floorMod(entry.id().hashCode(), STRIPES));
        LocalDate day = LocalDate.ofInstant(entry.postedAt(), ZoneOffset.UTC);
        for (Map.Entry<LedgerAccount, Money> m : moves.entrySet()) {
            LedgerAccount account = m.getKey();
            long amount = m.getValue().minor();
            String key = LedgerTypes.accountKey(account, entry.currency());
            accounts.ensure(uow, new KnownAccount(key, account, entry.currency(), entry.postedAt(), 0));
            uow.add(new CounterKey(BALANCE, key, stripe), amount);
            uow.add(new CounterKey(DAY, key, day + "|" + stripe), amount);
        }
    }

    /**
     * An account's balance now.
     *
     * @param uow      the unit of work
     * @param account  the account
     * @param currency the currency
     * @return the sum of its stripes
     */
    static Money total(UnitOfWork uow, LedgerAccount account, Currency currency) {
        long sum = 0;
        for (Counter c : uow.counters(BALANCE, LedgerTypes.accountKey(account, currency), null, STRIPES)) {
            sum = Math.addExact(sum, c.value());
        }
        return new Money(sum, currency);
    }

    /**
     * An account's balance just before a position in its entries: the total less every day movement from the
     * position's day on, plus the entries of that day before the position.
     *
     * @param uow      the unit of work
     * @param account  the account
     * @param currency the currency
     * @param at       the instant of the position
     * @param position a position in the account's entries (or the bare sort key of {@code at})
     * @return the balance
     */
    static Money before(UnitOfWork uow, LedgerAccount account, Currency currency, Instant at, String position) {
        String key = LedgerTypes.accountKey(account, currency);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Money balance = total(uow, account, currency);
        // a bare day sorts before every stripe of that day, so the day itself is included
        String after = day.toString();
        while (true) {
            List<Counter> days = uow.counters(DAY, key, after, DAYS_PER_READ);
            for (Counter d : days) {
                balance = balance.minus(new Money(d.value(), currency));
            }
            if (days.size() < DAYS_PER_READ) {
                break;
            }
            after = days.get(days.size() - 1).member();
        }
        String from = SortKeys.instant(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        while (true) {
            List<Versioned<JournalEntry>> entries = uow.findRange(LedgerTypes.ENTRY, LedgerTypes.BY_ACCOUNT, key,
                    new IndexRange(from, position, ENTRIES_PER_READ, false));
            for (Versioned<JournalEntry> e : entries) {
                balance = balance.plus(e.value().amountFor(account));
            }
            if (entries.size() < ENTRIES_PER_READ) {
                return balance;
            }
            from = LedgerTypes.ENTRY.position(LedgerTypes.BY_ACCOUNT, entries.get(entries.size() - 1).value());
        }
    }

    /** Two digits, so stripes sort in number order. */
    private static String stripeName(int stripe) {
        return stripe < 10 ? "0" + stripe : Integer.toString(stripe);
    }
}
