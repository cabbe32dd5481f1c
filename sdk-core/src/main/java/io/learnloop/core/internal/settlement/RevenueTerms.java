package io.learnloop.core.internal.settlement;

import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;

/**
 * How settled orders are posted to the revenue ledger: the platform's terms and who earns from each line.
 *
 * <p>Thread-safe: immutable, given thread-safe parties.
 *
 * @param policy  the platform fee and affiliate commissions
 * @param parties who earns from each line of an order
 */
public record RevenueTerms(RevenuePolicy policy, RevenueParties parties) {
}
