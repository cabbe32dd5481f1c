package io.learnloop.core.ledger;

/**
 * What a journal entry records.
 *
 * <p>Thread-safe: an enum.
 */
public enum EntryOperation {
    /** An order was paid: the gross moves from the provider's clearing account to the payees. */
    PAYMENT,
    /** Part of an order was refunded: every share of the refunded lines gives back its proportion. */
    REFUND,
    /** Money was paid out to a payee from a provider's clearing account. */
    PAYOUT,
    /** Deferred revenue of a pay-per-outcome order line was recognised: it moves to the payees it was held for. */
    RECOGNITION,
    /** Money paid out came back from the payee (a returned or reversed transfer): the payout is undone in part. */
    PAYOUT_RETURN
}
