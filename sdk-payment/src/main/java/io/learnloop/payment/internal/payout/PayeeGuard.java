package io.learnloop.payment.internal.payout;

import java.time.Instant;

/**
 * One row per payee and currency that every transaction recording a payout of theirs rewrites. Two such transactions
 * (a balance run and an order split, or two hosts) then cannot both commit on the same view of what is already on its
 * way: the store refuses the second write, and the retry sees the first one's payout.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        {@code payee|currency}
 * @param claims    how many payouts were recorded under it
 * @param claimedAt when the last one was
 */
record PayeeGuard(String id, long claims, Instant claimedAt) {
    PayeeGuard next(Instant now) {
        return new PayeeGuard(id, claims + 1, now);
    }
}
