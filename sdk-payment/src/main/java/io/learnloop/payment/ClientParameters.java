package io.learnloop.payment;

/**
 * Signed parameters that the payer's client passes to a wallet or a provider's page to pay:
 * {@link WechatJsapiParameters} for {@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM},
 * {@link WechatAppParameters} for WeChat Pay's {@link PaymentFlow#APP}, {@link AlipayAppOrder} for Alipay's
 * {@link PaymentFlow#APP}, and {@link AlipayPageForm} for Alipay's {@link PaymentFlow#REDIRECT} and
 * {@link PaymentFlow#WAP}.
 *
 * <p>Implementations are immutable records and thread-safe; their signatures are left out of {@code toString()}.
 */
public sealed interface ClientParameters permits WechatJsapiParameters, WechatAppParameters,
        AlipayPageForm, AlipayAppOrder {
}
