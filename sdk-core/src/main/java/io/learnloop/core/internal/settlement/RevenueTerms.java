package io.learnloop.core.internal.settlement;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;

import java.util.function.BiFunction;

/**
 * How settled orders are posted to the revenue ledger: the platform's terms and who earns from each line.
 *
 * <p>Thread-safe: immutable, given a thread-safe parties function.
 *
 * @param policy  the platform fee and affiliate commissions
 * @param parties who earns from each line of an order
 */
public record RevenueTerms(RevenuePolicy policy, BiFunction<Order, OrderLine, LineParties> parties) {
}
