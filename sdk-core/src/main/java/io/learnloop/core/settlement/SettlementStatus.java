package io.learnloop.core.settlement;

/**
 * What settling a payment did.
 *
 * <p>Thread-safe: an enum.
 */
public enum SettlementStatus {
    /** The order was paid now: every line granted, the revenue posted, the events published. */
    SETTLED,
    /** The same payment settled the order before; nothing changed. */
    ALREADY_SETTLED,
    /**
     * The money was taken but cannot simply be delivered; a {@link SettlementIssue} says why and what to do
     * (refund it, or grant access by hand). Whatever could be settled was, in the same transaction.
     */
    HELD_FOR_REVIEW
}
