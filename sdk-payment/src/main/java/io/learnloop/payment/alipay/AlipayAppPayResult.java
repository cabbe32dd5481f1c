package io.learnloop.payment.alipay;

import io.learnloop.core.money.Money;

/**
 * The synchronous result the Alipay app SDK hands the app after {@code alipay.trade.app.pay}
 * ({@code alipay_trade_app_pay_response}), after {@link AlipayProvider#verifyAppPayResult} checked Alipay's signature
 * over it. It tells the app what to show; it is not a payment: fulfil the order only from Alipay's notification or
 * an {@code alipay.trade.query} ({@code Payments.handleNotification}, {@code Payments.reconcile}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param appId       {@code app_id}: the configured app's
 * @param outTradeNo  {@code out_trade_no}: the merchant reference of the payment
 * @param tradeNo     {@code trade_no}: Alipay's trade number
 * @param totalAmount {@code total_amount} in CNY
 * @param sellerId    {@code seller_id}, or null
 */
public record AlipayAppPayResult(String appId, String outTradeNo, String tradeNo, Money totalAmount,
                                 String sellerId) {
}
