package io.learnloop.core.settlement;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * A payment that a channel has confirmed for an order: a provider's verified notification or query answer, an app
 * store's verified receipt, or a bank transfer a person has seen arrive.
 *
 * <p>An app store keeps a commission and fixes the dates of the subscription period it sold; a channel that knows
 * them passes them with {@link #withChannelFee} and {@link #withPeriod}. Without them the gross goes to the payees
 * and a membership period is placed after the learner's latest one.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param order         the order it pays
 * @param channel       who took the money, 1 to 32 characters (a provider id such as {@code stripe}, or
 *                      {@code bank-transfer}); the ledger holds the money in this channel's clearing account
 * @param reference     the channel's reference of the payment, 1 to 128 characters; the same payment always carries
 *                      the same reference, which makes settling it again harmless
 * @param amount        what was paid
 * @param channelFeeBps the commission the channel keeps, in basis points of each line's net (0 to 10000); the
 *                      revenue ledger books it to the channel's {@link io.learnloop.core.ledger.AccountKind#CHANNEL_FEE}
 *                      account before the platform, affiliates and creators share the rest
 * @param periodStart   the start of the membership period the channel sold (an app store subscription's purchase
 *                      date), or null to place it after the learner's latest period
 * @param periodEnd     its end (exclusive), present exactly when {@code periodStart} is
 */
public record PaymentConfirmation(OrderId order, String channel, String reference, Money amount, int channelFeeBps,
                                  Instant periodStart, Instant periodEnd) {
    /**
     * Validates.
     *
     * @param order         the order
     * @param channel       the channel
     * @param reference     the reference
     * @param amount        the amount
     * @param channelFeeBps the channel's commission
     * @param periodStart   the period's start, or null
     * @param periodEnd     the period's end, or null
     */
    public PaymentConfirmation {
        new Validator().notNull("order", order).notBlank("channel", channel, 32).notBlank("reference", reference, 128)
                .notNull("amount", amount)
                .check(channelFeeBps >= 0 && channelFeeBps <= 10_000, "channelFeeBps",
                        "must be 0 to 10000 (was " + channelFeeBps + ")")
                .check((periodStart == null) == (periodEnd == null), "periodEnd",
                        "must be given exactly when periodStart is")
                .check(periodStart == null || periodEnd == null || periodEnd.isAfter(periodStart), "periodEnd",
                        "must be after periodStart (" + periodStart + "), was " + periodEnd)
                .throwIfInvalid();
    }

    /**
     * A payment without channel commission or period.
     *
     * @param order     the order
     * @param channel   the channel
     * @param reference the reference
     * @param amount    the amount
     */
    public PaymentConfirmation(OrderId order, String channel, String reference, Money amount) {
        this(order, channel, reference, amount, 0, null, null);
    }

    /**
     * The same payment with the channel's commission.
     *
     * @param bps the commission in basis points of each line's net, 0 to 10000 (3000 = 30%)
     * @return the changed payment
     */
    public PaymentConfirmation withChannelFee(int bps) {
        return new PaymentConfirmation(order, channel, reference, amount, bps, periodStart, periodEnd);
    }

    /**
     * The same payment with the membership period the channel sold: its membership lines are granted exactly from
     * {@code start} to {@code end}, not placed after the learner's latest period.
     *
     * @param start the period's start
     * @param end   its end (exclusive)
     * @return the changed payment
     */
    public PaymentConfirmation withPeriod(Instant start, Instant end) {
        return new PaymentConfirmation(order, channel, reference, amount, channelFeeBps, start, end);
    }
}
