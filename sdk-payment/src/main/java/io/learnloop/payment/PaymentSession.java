package io.learnloop.payment;

import java.util.Map;

/**
 * What the client needs to let the payer pay. Which fields are set depends on the {@link PaymentFlow}:
 * <ul>
 *   <li>{@link PaymentFlow#REDIRECT}: {@link #redirectUrl()}; for Alipay also {@link #alipayForm()}, the same signed
 *       request as a self-submitting POST form;</li>
 *   <li>{@link PaymentFlow#QR_CODE}: {@link #qrCode()};</li>
 *   <li>{@link PaymentFlow#CLIENT_SECRET}: {@link #clientSecret()};</li>
 *   <li>{@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM}: {@link #jsapi()};</li>
 *   <li>{@link PaymentFlow#H5}: {@link #redirectUrl()}, WeChat Pay's {@code h5_url};</li>
 *   <li>{@link PaymentFlow#APP}: {@link #app()} for WeChat Pay, {@link #alipayAppOrder()} for Alipay;</li>
 *   <li>{@link PaymentFlow#WAP}: {@link #redirectUrl()} and {@link #alipayForm()}, as for Alipay's REDIRECT.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable record. The client secret and the wallet signatures are per-payment values meant for the
 * payer's client; they are left out of {@link #toString()} all the same.
 *
 * @param provider          the provider
 * @param merchantReference the host's reference
 * @param providerPaymentId the provider's id for the payment ({@code pi_…}, {@code cs_…}, {@code prepay_id}), or
 *                          null when the provider assigns none before payment
 * @param flow              the flow
 * @param redirectUrl       the URL to send the payer to ({@link PaymentFlow#REDIRECT}, {@link PaymentFlow#H5},
 *                          {@link PaymentFlow#WAP}), or null
 * @param qrCode            the text to render as a QR code ({@link PaymentFlow#QR_CODE}), or null
 * @param clientSecret      the Stripe client secret ({@link PaymentFlow#CLIENT_SECRET}), or null
 * @param clientParameters  the signed wallet parameters ({@link PaymentFlow#JSAPI}, {@link PaymentFlow#MINI_PROGRAM},
 *                          {@link PaymentFlow#APP}) or Alipay's page form ({@link PaymentFlow#REDIRECT},
 *                          {@link PaymentFlow#WAP}), or null
 */
public record PaymentSession(ProviderId provider, String merchantReference, String providerPaymentId,
                             PaymentFlow flow, String redirectUrl, String qrCode, String clientSecret,
                             ClientParameters clientParameters) {

    /**
     * The signed JSAPI parameters, for {@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM}.
     *
     * @return the parameters, or null for another flow
     */
    public WechatJsapiParameters jsapi() {
        return clientParameters instanceof WechatJsapiParameters p ? p : null;
    }

    /**
     * The signed APP parameters, for {@link PaymentFlow#APP}.
     *
     * @return the parameters, or null for another flow
     */
    public WechatAppParameters app() {
        return clientParameters instanceof WechatAppParameters p ? p : null;
    }

    /**
     * Alipay's self-submitting form, for Alipay's {@link PaymentFlow#REDIRECT} and {@link PaymentFlow#WAP}.
     *
     * @return the form, or null for another flow or provider
     */
    public AlipayPageForm alipayForm() {
        return clientParameters instanceof AlipayPageForm p ? p : null;
    }

    /**
     * Alipay's signed order string for the Alipay app SDK, for Alipay's {@link PaymentFlow#APP}.
     *
     * @return the order, or null for another flow or provider
     */
    public AlipayAppOrder alipayAppOrder() {
        return clientParameters instanceof AlipayAppOrder p ? p : null;
    }

    /**
     * The JSAPI parameters under the names {@code WeixinJSBridge} expects.
     *
     * @return {@link WechatJsapiParameters#asMap()}, or an empty map for another flow
     */
    public Map<String, String> jsapiParameters() {
        WechatJsapiParameters p = jsapi();
        return p == null ? Map.of() : p.asMap();
    }

    @Override
    public String toString() {
        return "PaymentSession[provider=" + provider + ", merchantReference=" + merchantReference
                + ", providerPaymentId=" + providerPaymentId + ", flow=" + flow + ", redirectUrl="
                + (redirectUrl == null ? null : "(set)") + ", qrCode=" + (qrCode == null ? null : "(set)")
                + ", clientSecret=" + (clientSecret == null ? null : "(redacted)")
                + ", clientParameters=" + clientParameters + "]";
    }
}
