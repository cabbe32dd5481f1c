package io.learnloop.core.settlement;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

/**
 * A payment that a channel has confirmed for an order: a provider's verified notification or query answer, an app
 * store's verified receipt, or a bank transfer a person has seen arrive.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param order     the order it pays
 * @param channel   who took the money, 1 to 32 characters (a provider id such as {@code stripe}, or
 *                  {@code bank-transfer}); the ledger holds the money in this channel's clearing account
 * @param reference the channel's reference of the payment, 1 to 128 characters; the same payment always carries
 *                  the same reference, which makes settling it again harmless
 * @param amount    what was paid
 */
public record PaymentConfirmation(OrderId order, String channel, String reference, Money amount) {
    /**
     * Validates.
     *
     * @param order     the order
     * @param channel   the channel
     * @param reference the reference
     * @param amount    the amount
     */
    public PaymentConfirmation {
        new Validator().notNull("order", order).notBlank("channel", channel, 32).notBlank("reference", reference, 128)
                .notNull("amount", amount).throwIfInvalid();
    }
}
