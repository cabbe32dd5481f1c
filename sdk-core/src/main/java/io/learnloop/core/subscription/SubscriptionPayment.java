package io.learnloop.core.subscription;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * A renewal payment a channel has confirmed with its provider (a paid invoice, a successful agreement deduction, an
 * app store's renewal transaction).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider      the provider, 1 to 32 characters
 * @param externalId    the provider's id of the subscription or agreement
 * @param reference     the provider's reference of this payment (an invoice id, a trade number), 1 to 128 characters;
 *                      the same payment always carries the same reference, which makes recording it again harmless
 * @param amount        what was paid; must equal the subscription's {@link Subscription#price()}
 * @param channelFeeBps the commission the provider keeps (an app store's), in basis points of the price, 0 to 10000;
 *                      booked as the channel's fee like
 *                      {@link io.learnloop.core.settlement.PaymentConfirmation#channelFeeBps()}
 */
public record SubscriptionPayment(String provider, String externalId, String reference, Money amount,
                                  int channelFeeBps) {
    /**
     * Validates.
     *
     * @param provider      the provider
     * @param externalId    the provider's id
     * @param reference     the payment's reference
     * @param amount        the amount
     * @param channelFeeBps the provider's commission
     */
    public SubscriptionPayment {
        new Validator().notBlank("provider", provider, 32)
                .notBlank("externalId", externalId, Subscription.MAX_EXTERNAL_ID)
                .notBlank("reference", reference, 128).notNull("amount", amount)
                .check(channelFeeBps >= 0 && channelFeeBps <= 10_000, "channelFeeBps",
                        "must be 0 to 10000 (was " + channelFeeBps + ")")
                .throwIfInvalid();
    }

    /**
     * A payment of which the provider keeps no commission.
     *
     * @param provider   the provider
     * @param externalId the provider's id
     * @param reference  the payment's reference
     * @param amount     the amount
     */
    public SubscriptionPayment(String provider, String externalId, String reference, Money amount) {
        this(provider, externalId, reference, amount, 0);
    }

    /**
     * The same payment with the provider's commission.
     *
     * @param bps the commission in basis points, 0 to 10000 (1500 = 15%)
     * @return the changed payment
     */
    public SubscriptionPayment withChannelFee(int bps) {
        return new SubscriptionPayment(provider, externalId, reference, amount, bps);
    }
}
