package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.money.Money;
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
 * Balances without a hot record: an entry moves one of {@value #STRIPES} stripes of each account it touches (chosen
 * by the entry, so concurrent entries rarely meet), and one stripe of the account's movement on the entry's day. An
 * account's balance is the sum of its stripes; its balance at an instant is that sum less what moved since, read
 * from the day movements and the entries of one day, so it costs the same however long the account's history is.
 *
 * <p>Thread-safe: stateless.
 */
final class Balances {
    /** How many records one account's balance is spread over. */
    static final int STRIPES = 16;
    /** The longest range of days one read of day movements returns; a longer range is read in steps. */
    private static final int DAYS_PER_READ = 1000;
    /** How many entries of one day are read per step. */
    private static final int ENTRIES_PER_READ = 1000;

    private Balances() {
    }

    /**
     * Applies an entry's movements to the stripes and day movements of its accounts, and records each account the
     * first time it moves.
     *
     * @param uow   the unit of work
     * @param entry the new entry
     */
    static void apply(UnitOfWork uow, JournalEntry entry) {
        Map<LedgerAccount, Money> moves = new LinkedHashMap<>();
        for (Posting p : entry.postings()) {
            moves.merge(p.account(), p.amount(), Money::plus);
        }
        // a payout always moves stripe 0: two payouts to one payee then meet there, and the second sees the first
        int stripe = entry.operation() == EntryOperation.PAYOUT ? 0 : Math.floorMod(entry.id().hashCode(), STRIPES);
        Instant at = entry.postedAt();
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        for (Map.Entry<LedgerAccount, Money> m : moves.entrySet()) {
            LedgerAccount account = m.getKey();
            Money amount = m.getValue();
            String key = LedgerTypes.accountKey(account, entry.currency());
            String stripeId = key + "|" + stripe;
            Versioned<BalanceStripe> current = uow.find(LedgerTypes.STRIPE, stripeId).orElse(null);
            if (current == null) {
                uow.insert(LedgerTypes.STRIPE, new BalanceStripe(stripeId, account, stripe, amount, 1, at));
                if (uow.find(LedgerTypes.ACCOUNT, key).isEmpty()) {
                    uow.insert(LedgerTypes.ACCOUNT, new KnownAccount(key, account, entry.currency(), at));
                }
            } else {
                uow.update(LedgerTypes.STRIPE, current.value().plus(amount, at), current.version());
            }
            String dayId = key + "|" + day + "|" + stripe;
            Versioned<DayMovement> moved = uow.find(LedgerTypes.DAY, dayId).orElse(null);
            if (moved == null) {
                uow.insert(LedgerTypes.DAY, new DayMovement(dayId, account, day, stripe, amount, 1, at));
            } else {
                uow.update(LedgerTypes.DAY, moved.value().plus(amount, at), moved.version());
            }
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
        Money sum = Money.zero(currency);
        for (Versioned<BalanceStripe> s : uow.findBy(LedgerTypes.STRIPE, LedgerTypes.BY_ACCOUNT,
                LedgerTypes.accountKey(account, currency))) {
            sum = sum.plus(s.value().balance());
        }
        return sum;
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
        String after = day.toString();
        while (true) {
            // a bare day sorts before every position of that day, so the day itself is included
            List<Versioned<DayMovement>> days = uow.findRange(LedgerTypes.DAY, LedgerTypes.BY_ACCOUNT, key,
                    new IndexRange(after, null, DAYS_PER_READ, false));
            for (Versioned<DayMovement> d : days) {
                balance = balance.minus(d.value().amount());
            }
            if (days.size() < DAYS_PER_READ) {
                break;
            }
            after = LedgerTypes.DAY.position(LedgerTypes.BY_ACCOUNT, days.get(days.size() - 1).value());
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
}
