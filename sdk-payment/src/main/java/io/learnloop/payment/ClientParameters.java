package io.learnloop.payment;

/**
 * Signed parameters that the payer's client passes to a wallet to pay: {@link WechatJsapiParameters} for
 * {@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM}, {@link WechatAppParameters} for
 * {@link PaymentFlow#APP}.
 *
 * <p>Implementations are immutable records and thread-safe; their signatures are left out of {@code toString()}.
 */
public sealed interface ClientParameters permits WechatJsapiParameters, WechatAppParameters {
}
