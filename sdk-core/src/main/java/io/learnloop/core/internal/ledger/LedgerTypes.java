package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ledger's aggregates as the store keeps them. Journal entries are append-only; balances are store counters
 * kept by {@code Balances}, per stripe and per day, beside them.
 *
 * <p>Thread-safe: constants only.
 */
public final class LedgerTypes {
    /** Index of entries by account and currency. */
    public static final String BY_ACCOUNT = "account";

    /** Index of payout returns by the key of the payout they undo. */
    public static final String BY_PAYOUT = "payout";
    /** The key prefix of payout returns: {@code PAYOUT_RETURN:<returnKey>:<payoutKey>} (a return key has no colon). */
    static final String RETURN_PREFIX = "PAYOUT_RETURN:";

    /** Journal entries: unique by key, found by order, by account in posting order, and (returns) by payout. */
    public static final AggregateType<JournalEntry> ENTRY =
            AggregateType.builder("journal_entry", JournalEntry.class, JournalEntry::id)
                    .unique("key", JournalEntry::key)
                    .index("order", e -> e.orderId() == null ? null : e.orderId().value())
                    .sortedMultiIndex(BY_ACCOUNT, LedgerTypes::accountKeys, e -> SortKeys.instant(e.postedAt()))
                    .index(BY_PAYOUT, LedgerTypes::returnedPayout)
                    .build();

    /** Accounts that ever moved, by currency in account order: the rows of a balance sheet. */
    public static final AggregateType<KnownAccount> ACCOUNT =
            AggregateType.builder("ledger_account", KnownAccount.class, KnownAccount::id)
                    .sortedIndex("currency", k -> k.currency().getCurrencyCode(), k -> k.account().key())
                    .build();

    private LedgerTypes() {
    }

    /**
     * The key of an account in a currency.
     *
     * @param account  the account
     * @param currency the currency
     * @return the key
     */
    public static String accountKey(LedgerAccount account, Currency currency) {
        return account.key() + "|" + currency.getCurrencyCode();
    }

    /** The payout key a return undoes, or null for every other entry. */
    static String returnedPayout(JournalEntry e) {
        if (!e.key().startsWith(RETURN_PREFIX)) {
            return null;
        }
        String rest = e.key().substring(RETURN_PREFIX.length());
        return rest.substring(rest.indexOf(':') + 1);
    }

    private static Set<String> accountKeys(JournalEntry e) {
        Set<String> keys = new LinkedHashSet<>();
        for (Posting p : e.postings()) {
            keys.add(accountKey(p.account(), e.currency()));
        }
        return keys;
    }
}
