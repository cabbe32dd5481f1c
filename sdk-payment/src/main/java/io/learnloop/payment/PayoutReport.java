package io.learnloop.payment;

import java.util.List;

/**
 * What a payout run step, an order split or a reconciliation did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payouts    the payouts it acted on or found, in the state it left them
 * @param confirmed  how many it saw confirmed and posted to the ledger
 * @param pending    how many wait for the provider (SENT) or for another send (RETRY, NEW)
 * @param parked     how many it parked for review
 * @param nextCursor where the next run step starts, or null when the balances are done (always null for splits and
 *                   reconciliation)
 */
public record PayoutReport(List<Payout> payouts, int confirmed, int pending, int parked, String nextCursor) {
    /**
     * Copies the list.
     *
     * @param payouts    the payouts
     * @param confirmed  confirmed
     * @param pending    pending
     * @param parked     parked
     * @param nextCursor the cursor
     */
    public PayoutReport {
        payouts = List.copyOf(payouts);
    }

    /**
     * Whether the run has more balances to read.
     *
     * @return true if {@link #nextCursor()} is set
     */
    public boolean hasMore() {
        return nextCursor != null;
    }
}
