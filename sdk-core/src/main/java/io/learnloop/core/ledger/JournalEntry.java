package io.learnloop.core.ledger;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * One balanced journal entry: postings in one currency that sum to exactly zero. Entries are never changed or
 * deleted; a correction is a new entry. Each entry has an idempotency key ({@code <order>:PAYMENT},
 * {@code <order>:REFUND:<refundKey>}, {@code PAYOUT:<payoutKey>}, {@code PAYOUT_RETURN:<returnKey>:<payoutKey>},
 * {@code <order>:RECOGNITION:<line>}) that no other entry shares.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        the entry's id
 * @param key       the idempotency key
 * @param operation what it records
 * @param orderId   the order, or null for a payout
 * @param currency  the currency of every posting
 * @param postings  the postings, summing to zero
 * @param memo      a note, or null
 * @param postedAt  when it was posted
 */
public record JournalEntry(String id, String key, EntryOperation operation, OrderId orderId, Currency currency,
                           List<Posting> postings, String memo, Instant postedAt) {
    /**
     * Validates that the postings balance and share the currency.
     *
     * @param id        the id
     * @param key       the key
     * @param operation the operation
     * @param orderId   the order
     * @param currency  the currency
     * @param postings  the postings
     * @param memo      the memo
     * @param postedAt  when
     */
    public JournalEntry {
        new Validator().notBlank("entry.id", id, 128).notBlank("entry.key", key, 300)
                .notNull("entry.operation", operation).notNull("entry.currency", currency)
                .notNull("entry.postings", postings).notNull("entry.postedAt", postedAt)
                .maxLength("entry.memo", memo, 500).throwIfInvalid();
        postings = List.copyOf(postings);
        Money sum = Money.zero(currency);
        for (Posting p : postings) {
            sum = sum.plus(p.amount());
        }
        if (!sum.isZero()) {
            throw new LearnloopException(ErrorCode.INTERNAL, "Journal entry " + key + " does not balance: its postings"
                    + " sum to " + sum + ".");
        }
    }

    /**
     * The net amount this entry moves on one account.
     *
     * @param account the account
     * @return the sum of its postings on that account (zero if none)
     */
    public Money amountFor(LedgerAccount account) {
        Money sum = Money.zero(currency);
        for (Posting p : postings) {
            if (p.account().equals(account)) {
                sum = sum.plus(p.amount());
            }
        }
        return sum;
    }
}
