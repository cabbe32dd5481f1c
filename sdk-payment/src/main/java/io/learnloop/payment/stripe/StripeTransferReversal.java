package io.learnloop.payment.stripe;

import io.learnloop.core.money.Money;

/**
 * One reversal of a payout's transfer, as a verified {@code transfer.reversed} event reports it: record it with
 * {@code Payouts.recordReturn(finance, payoutKey(), returnKey(), amount())}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payoutKey  the payout the transfer paid ({@code metadata[learnloop_payout]})
 * @param returnKey  the return's key: the reference {@code Payouts.reverse} sent ({@code metadata[learnloop_return]}),
 *                   so a reversal made there is not counted twice, or else the reversal's id
 * @param reversalId the reversal's id ({@code trr_…})
 * @param amount     the amount reversed
 */
public record StripeTransferReversal(String payoutKey, String returnKey, String reversalId, Money amount) {
}
