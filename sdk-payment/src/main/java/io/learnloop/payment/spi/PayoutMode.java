package io.learnloop.payment.spi;

/**
 * How a provider pays out.
 *
 * <p>Thread-safe: an enum.
 */
public enum PayoutMode {
    /** From the platform's balance to a payee's account, any amount up to what the payee is owed (Stripe Connect). */
    BALANCE,
    /**
     * As a split of one paid order: the payee's share of that order goes from the order's money to the payee
     * (WeChat Pay profit sharing, Alipay royalty settlement). The order must have been paid through this provider.
     */
    ORDER_SPLIT
}
