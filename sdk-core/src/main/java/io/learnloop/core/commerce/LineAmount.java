package io.learnloop.core.commerce;

import io.learnloop.core.money.Money;

/**
 * An amount for one order line, for example what to refund on it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param line   the line number, from 1
 * @param amount the amount
 */
public record LineAmount(int line, Money amount) {
    /**
     * Creates a line amount.
     *
     * @param line   the line number
     * @param amount the amount
     * @return the line amount
     */
    public static LineAmount of(int line, Money amount) {
        return new LineAmount(line, amount);
    }
}
