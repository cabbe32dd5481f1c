package io.learnloop.core.internal.ledger;

import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.Posting;
import io.learnloop.core.store.AggregateType;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ledger's aggregates as the store keeps them.
 *
 * <p>Thread-safe: constants only.
 */
public final class LedgerTypes {
    /** Journal entries: unique by key, found by order and by account. */
    public static final AggregateType<JournalEntry> ENTRY =
            AggregateType.builder("journal_entry", JournalEntry.class, JournalEntry::id)
                    .unique("key", JournalEntry::key)
                    .index("order", e -> e.orderId() == null ? null : e.orderId().value())
                    .multiIndex("account", LedgerTypes::accountKeys)
                    .build();

    /** Running balances by account and currency. */
    public static final AggregateType<AccountBalance> BALANCE =
            AggregateType.builder("ledger_balance", AccountBalance.class, AccountBalance::id)
                    .index("currency", b -> b.balance().currency().getCurrencyCode())
                    .build();

    private LedgerTypes() {
    }

    private static Set<String> accountKeys(JournalEntry e) {
        Set<String> keys = new LinkedHashSet<>();
        for (Posting p : e.postings()) {
            keys.add(AccountBalance.idOf(p.account(), e.currency()));
        }
        return keys;
    }
}
