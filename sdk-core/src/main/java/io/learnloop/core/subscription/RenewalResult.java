package io.learnloop.core.subscription;

import io.learnloop.core.settlement.SettlementResult;

/**
 * What recording a renewal payment did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param subscription the subscription after the payment
 * @param settlement   the settlement of the period's order
 * @param duplicate    true if the payment had been recorded before (nothing changed now)
 */
public record RenewalResult(Subscription subscription, SettlementResult settlement, boolean duplicate) {
}
