package io.learnloop.payment.spi;

/**
 * A payment's state at the provider, mapped to the same few values for every provider.
 *
 * <p>Thread-safe: an enum.
 */
public enum PaymentState {
    /** Created, waiting for the payer (Alipay WAIT_BUYER_PAY, WeChat NOTPAY/USERPAYING, Stripe requires_*). */
    PENDING,
    /** The money was captured (Alipay TRADE_SUCCESS/TRADE_FINISHED, WeChat SUCCESS, Stripe succeeded). */
    PAID,
    /** Paid and then refunded, in part or in full (WeChat REFUND). */
    REFUNDED,
    /** Closed or expired without payment (Alipay TRADE_CLOSED, WeChat CLOSED/REVOKED, Stripe canceled). */
    CLOSED,
    /** The payment attempt failed (WeChat PAYERROR). */
    FAILED,
    /** The provider does not know the payment. */
    NOT_FOUND
}
