package io.learnloop.core.ledger;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * One entry as seen from one account.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param entryId   the journal entry
 * @param postedAt  when it was posted
 * @param operation what it records
 * @param orderId   the order, or null
 * @param amount    what it moved on the account
 * @param balance   the account's balance after it
 */
public record StatementLine(String entryId, Instant postedAt, EntryOperation operation, OrderId orderId, Money amount,
                            Money balance) {
}
