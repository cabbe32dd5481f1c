package io.learnloop.core.ledger;

/**
 * The kinds of ledger account. Payee accounts (platform, creator, affiliate) have a positive balance when money is
 * owed to their owner; a provider's clearing account has a negative balance equal to the money that provider holds
 * for the payees. All balances of one currency always sum to zero.
 *
 * <p>Thread-safe: an enum.
 */
public enum AccountKind {
    /** The platform's fees. One account, no owner. */
    PLATFORM,
    /** A course creator's or co-author's share. Owner: the user id. */
    CREATOR,
    /** An affiliate's (分销) commission. Owner: the user id. */
    AFFILIATE,
    /** Money held by a payment provider. Owner: the provider's name, for example {@code stripe}. */
    CLEARING,
    /**
     * The commission a channel keeps from each payment (an app store's 30% or 15%). Owner: the channel's name, for
     * example {@code apple}. The channel never passes it on, so it is never paid out; a refund takes it back in
     * proportion, as the channel does.
     */
    CHANNEL_FEE,
    /**
     * Deferred revenue: the part of a payee's share of a pay-per-outcome order line that depends on the learner's
     * outcome, held until the outcome is final. Owner: the payee account's key, for example {@code creator:u-42}.
     * When the outcome is final it moves to the payee (recognised), or a refund takes it back; it is never paid out.
     */
    DEFERRED
}
