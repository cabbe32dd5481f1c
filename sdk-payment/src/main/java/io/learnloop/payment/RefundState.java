package io.learnloop.payment;

import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.RefundQuery;

/**
 * A refund's state at the provider.
 *
 * <p>Thread-safe: an enum.
 */
public enum RefundState {
    /** Accepted, money not yet returned (WeChat PROCESSING, Stripe pending). */
    PENDING,
    /** The money was returned (WeChat SUCCESS, Stripe succeeded, Alipay {@code fund_change=Y} or REFUND_SUCCESS). */
    SUCCEEDED,
    /** The refund failed or was closed; no money moved (WeChat CLOSED, Stripe failed or canceled). */
    FAILED,
    /**
     * The refund is stuck until someone acts: WeChat ABNORMAL (the payer's card or account can no longer receive the
     * money; the merchant must route it elsewhere in the merchant platform) or Stripe requires_action (the customer
     * must give details). It may still succeed later.
     */
    ACTION_REQUIRED,
    /**
     * The provider knows no refund with this reference (only from {@link PaymentProvider#queryRefund(RefundQuery)}):
     * the request never arrived or, for Alipay, it did not succeed. Sending it again with the same reference is safe.
     */
    NOT_FOUND
}
