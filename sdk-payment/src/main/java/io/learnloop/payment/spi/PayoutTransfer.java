package io.learnloop.payment.spi;

import io.learnloop.core.error.Validator;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PayoutDestination;

/**
 * One transfer to a payee, as a {@link PayoutChannel} sends it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payoutKey          the deterministic payout key: the provider's idempotency key, 1 to 64 characters of
 *                           {@code [0-9A-Za-z_-]}
 * @param payee              the ledger account paid
 * @param destination        where the provider sends it (the payee's connected account, openid or Alipay user)
 * @param amount             the amount, positive
 * @param sourcePayment      the provider's id of the paid order it splits ({@link PayoutMode#ORDER_SPLIT}: WeChat
 *                           Pay {@code transaction_id}, Alipay {@code trade_no}), or null
 * @param group              what groups the transfers of one run or order (Stripe {@code transfer_group})
 * @param description        why, shown to the payee, up to 80 characters
 * @param providerTransferId the provider's id of the transfer once known, or null
 */
public record PayoutTransfer(String payoutKey, LedgerAccount payee, PayoutDestination destination, Money amount,
                             String sourcePayment, String group, String description, String providerTransferId) {
    /**
     * Validates.
     *
     * @param payoutKey          the key
     * @param payee              the payee
     * @param destination        the destination
     * @param amount             the amount
     * @param sourcePayment      the paid order's provider id
     * @param group              the group
     * @param description        the description
     * @param providerTransferId the provider's transfer id
     */
    public PayoutTransfer {
        new Validator().notBlank("payoutKey", payoutKey, 64)
                .check(payoutKey == null || payoutKey.matches("[0-9A-Za-z_-]+"), "payoutKey",
                        "may hold only letters, digits, '_' and '-'")
                .notNull("payee", payee).notNull("destination", destination).notNull("amount", amount)
                .check(amount == null || amount.isPositive(), "amount", "must be positive")
                .notBlank("group", group, 64).notBlank("description", description, 80).throwIfInvalid();
    }

    /**
     * A copy that names the provider's transfer id.
     *
     * @param id the id, or null to keep the current one
     * @return the copy
     */
    public PayoutTransfer withProviderTransferId(String id) {
        return id == null ? this : new PayoutTransfer(payoutKey, payee, destination, amount, sourcePayment, group,
                description, id);
    }

    @Override
    public String toString() {
        return "PayoutTransfer[" + payoutKey + " " + amount + " to " + payee + "]";
    }
}
