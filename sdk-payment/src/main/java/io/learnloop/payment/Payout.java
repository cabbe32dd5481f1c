package io.learnloop.payment;

import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * One payout: a transfer of a payee's money at one provider, under a deterministic payout key.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payoutKey          the payout key, also the provider's idempotency key
 * @param provider           the provider
 * @param payee              the payee's ledger account
 * @param amount             the amount
 * @param status             where it stands
 * @param providerTransferId the provider's transfer id, or null
 * @param returned           how much of it came back (returns and reversals), zero if none
 * @param sends              how many times it was sent
 * @param detail             the provider's last answer or why it is parked, or null
 * @param createdAt          when it was recorded
 * @param updatedAt          when it last changed
 */
public record Payout(String payoutKey, ProviderId provider, LedgerAccount payee, Money amount, PayoutStatus status,
                     String providerTransferId, Money returned, int sends, String detail, Instant createdAt,
                     Instant updatedAt) {
}
