package io.learnloop.payment;

/**
 * Where one payout stands.
 *
 * <p>Thread-safe: an enum.
 */
public enum PayoutStatus {
    /** Recorded with its payout key, not yet sent (or sent by a run that stopped before it learned the answer). */
    NEW,
    /** Sent; the provider has not confirmed it yet (or the answer was lost). Reconciliation asks. */
    SENT,
    /** The last send failed in a way that may be repeated; the next run or reconciliation sends it again. */
    RETRY,
    /** The provider confirmed it and the ledger posted the payout. */
    CONFIRMED,
    /** The provider refused it for good, or the payee has no account there: kept for review, never sent again. */
    PARKED
}
