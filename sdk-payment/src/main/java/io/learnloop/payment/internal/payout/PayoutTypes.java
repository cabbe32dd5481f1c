package io.learnloop.payment.internal.payout;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The payout records in the core store.
 */
public final class PayoutTypes {
    /** Index of open payouts by state, the least recently changed first: what reconciliation reads. */
    static final String BY_STATE = "state";
    /** Index of open payouts by {@code provider|payee|currency}: a payee has one open payout per provider. */
    static final String OPEN = "open";
    /**
     * Index of open payouts by {@code payee|currency} in every channel and mode, oldest first: the money a new
     * balance payout must leave alone because it is already on its way.
     */
    static final String OPEN_BY_PAYEE = "open_payee";
    /** Index of every payout by payee, oldest first: how an export finds a person's payouts. */
    public static final String BY_PAYEE = "payee";

    /** Payouts by payout key. */
    public static final AggregateType<PayoutAttempt> PAYOUT =
            AggregateType.builder("payment_payout", PayoutAttempt.class, PayoutAttempt::id)
                    .sortedIndex(BY_STATE, a -> a.open() ? a.state() : null, a -> SortKeys.instant(a.updatedAt()))
                    .index(OPEN, a -> a.open() ? openKey(a.provider(), a.payee().key(),
                            a.amount().currency().getCurrencyCode()) : null)
                    .sortedIndex(OPEN_BY_PAYEE, a -> a.open() ? openKey(a.payee().key(),
                            a.amount().currency().getCurrencyCode()) : null, a -> SortKeys.instant(a.createdAt()))
                    .sortedIndex(BY_PAYEE, a -> a.payee().owner(), a -> SortKeys.instant(a.createdAt()))
                    .build();

    /** The per-payee row every transaction that records a payout rewrites (see {@link PayeeGuard}). */
    static final AggregateType<PayeeGuard> GUARD =
            AggregateType.builder("payment_payout_guard", PayeeGuard.class, PayeeGuard::id).build();

    private PayoutTypes() {
    }

    static String openKey(String payee, String currency) {
        return payee + "|" + currency;
    }

    static String openKey(String provider, String payee, String currency) {
        return provider + "|" + payee + "|" + currency;
    }
}
