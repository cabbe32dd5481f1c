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

    /** Journal entries: unique by key, found by order, and by account in posting order. */
    public static final AggregateType<JournalEntry> ENTRY =
            AggregateType.builder("journal_entry", JournalEntry.class, JournalEntry::id)
                    .unique("key", JournalEntry::key)
                    .index("order", e -> e.orderId() == null ? null : e.orderId().value())
                    .sortedMultiIndex(BY_ACCOUNT, LedgerTypes::accountKeys, e -> SortKeys.instant(e.postedAt()))
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

    private static Set<String> accountKeys(JournalEntry e) {
        Set<String> keys = new LinkedHashSet<>();
        for (Posting p : e.postings()) {
            keys.add(accountKey(p.account(), e.currency()));
        }
        return keys;
    }
}
