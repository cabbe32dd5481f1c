package io.learnloop.core.ledger;

import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * One page of an account's movements in a period. The first page opens with the balance at {@code from}; a later
 * page opens with the running balance after the previous page's last line, so pages chain:
 * {@code opening + sum(lines.amount)} is the next page's opening, and the last page's running balance is
 * {@code closing}, the balance at {@code to}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param account    the account
 * @param from       the period's start (inclusive)
 * @param to         the period's end (exclusive)
 * @param opening    the balance before this page's first line
 * @param lines      this page's entries, oldest first, each with the running balance after it
 * @param closing    the balance at {@code to}
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record Statement(LedgerAccount account, Instant from, Instant to, Money opening, List<StatementLine> lines,
                        Money closing, String nextCursor) {
    /**
     * Copies the lines.
     *
     * @param account    the account
     * @param from       start
     * @param to         end
     * @param opening    opening balance of the page
     * @param lines      the lines
     * @param closing    closing balance of the period
     * @param nextCursor the next page's cursor, or null
     */
    public Statement {
        lines = List.copyOf(lines);
    }

    /**
     * Whether another page follows.
     *
     * @return true if {@link #nextCursor()} is set
     */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
