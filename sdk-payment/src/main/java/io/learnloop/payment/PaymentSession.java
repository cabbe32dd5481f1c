package io.learnloop.payment;

import java.util.Map;

/**
 * What the client needs to let the payer pay. Which fields are set depends on the {@link PaymentFlow}.
 *
 * <p>Thread-safe: immutable record. The client secret is a per-payment secret meant for the payer's browser; it is
 * left out of {@link #toString()} all the same.
 *
 * @param provider          the provider
 * @param merchantReference the host's reference
 * @param providerPaymentId the provider's id for the payment ({@code pi_…}, {@code cs_…}, {@code prepay_id}), or
 *                          null when the provider assigns none before payment
 * @param flow              the flow
 * @param redirectUrl       the URL to send the payer to ({@link PaymentFlow#REDIRECT}), or null
 * @param qrCode            the text to render as a QR code ({@link PaymentFlow#QR_CODE}), or null
 * @param clientSecret      the Stripe client secret ({@link PaymentFlow#CLIENT_SECRET}), or null
 * @param jsapiParameters   the signed {@code WeixinJSBridge} parameters ({@link PaymentFlow#JSAPI}), empty otherwise
 */
public record PaymentSession(ProviderId provider, String merchantReference, String providerPaymentId,
                             PaymentFlow flow, String redirectUrl, String qrCode, String clientSecret,
                             Map<String, String> jsapiParameters) {
    /**
     * Copies the parameters.
     *
     * @param provider          the provider
     * @param merchantReference the host's reference
     * @param providerPaymentId the provider's id or null
     * @param flow              the flow
     * @param redirectUrl       the redirect URL or null
     * @param qrCode            the QR content or null
     * @param clientSecret      the client secret or null
     * @param jsapiParameters   the JSAPI parameters or null
     */
    public PaymentSession {
        jsapiParameters = jsapiParameters == null ? Map.of() : Map.copyOf(jsapiParameters);
    }

    @Override
    public String toString() {
        return "PaymentSession[provider=" + provider + ", merchantReference=" + merchantReference
                + ", providerPaymentId=" + providerPaymentId + ", flow=" + flow + ", redirectUrl="
                + (redirectUrl == null ? null : "(set)") + ", qrCode=" + (qrCode == null ? null : "(set)")
                + ", clientSecret=" + (clientSecret == null ? null : "(redacted)") + "]";
    }
}
