package io.learnloop.core.ledger;

import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * An account's movements in a period: {@code opening + sum(lines.amount) = closing}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param account the account
 * @param from    the period's start (inclusive)
 * @param to      the period's end (exclusive)
 * @param opening the balance at {@code from}
 * @param lines   the entries in the period, oldest first
 * @param closing the balance at {@code to}
 */
public record Statement(LedgerAccount account, Instant from, Instant to, Money opening, List<StatementLine> lines,
                        Money closing) {
    /**
     * Copies the lines.
     *
     * @param account the account
     * @param from    start
     * @param to      end
     * @param opening opening balance
     * @param lines   the lines
     * @param closing closing balance
     */
    public Statement {
        lines = List.copyOf(lines);
    }
}
