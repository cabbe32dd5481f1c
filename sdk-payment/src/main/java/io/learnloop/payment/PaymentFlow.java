package io.learnloop.payment;

/**
 * How the payer completes a payment; decides what {@link PaymentSession} carries back to the client.
 *
 * <p>Thread-safe: an enum.
 */
public enum PaymentFlow {
    /** The payer's browser is sent to the provider's page (Alipay page pay, Stripe Checkout Session). */
    REDIRECT,
    /** The payer scans a code with a wallet app (Alipay precreate, WeChat Pay Native). */
    QR_CODE,
    /** The host's page confirms the payment with a client secret (Stripe PaymentIntent). */
    CLIENT_SECRET,
    /** Inside WeChat: the page calls {@code WeixinJSBridge} with signed parameters (WeChat Pay JSAPI). */
    JSAPI
}
