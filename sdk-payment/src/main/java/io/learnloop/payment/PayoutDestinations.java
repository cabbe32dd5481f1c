package io.learnloop.payment;

import io.learnloop.core.ledger.LedgerAccount;

/**
 * The host's map from ledger payees to provider accounts: which Stripe connected account, WeChat Pay receiver or
 * Alipay user receives a creator's or affiliate's money.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PayoutDestinations {
    /**
     * The account a provider pays a payee into.
     *
     * @param provider the provider
     * @param payee    the payee's ledger account
     * @return the destination, or null if the payee has no account bound at that provider (the payout is parked for
     *         review)
     */
    PayoutDestination destination(ProviderId provider, LedgerAccount payee);
}
