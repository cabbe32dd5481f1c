package io.learnloop.payment;

/**
 * How the payer completes a payment; decides what {@link PaymentSession} carries back to the client.
 *
 * <p>Thread-safe: an enum.
 */
public enum PaymentFlow {
    /**
     * The payer's browser is sent to the provider's page (Alipay PC page pay {@code alipay.trade.page.pay}, Stripe
     * Checkout Session): {@link PaymentSession#redirectUrl()}, or for Alipay also the auto-submitting
     * {@link AlipayPageForm}.
     */
    REDIRECT,
    /** The payer scans a code with a wallet app (Alipay precreate, WeChat Pay Native). */
    QR_CODE,
    /** The host's page confirms the payment with a client secret (Stripe PaymentIntent). */
    CLIENT_SECRET,
    /**
     * Inside WeChat, on an official account's page: the page calls {@code WeixinJSBridge} (or
     * {@code wx.chooseWXPay}) with the signed {@link WechatJsapiParameters} (WeChat Pay JSAPI, with the official
     * account's appid). Needs the payer's openid.
     */
    JSAPI,
    /**
     * Inside a WeChat mini-program: {@code wx.requestPayment} with the signed {@link WechatJsapiParameters} (WeChat
     * Pay JSAPI, with the mini-program's appid). Needs the payer's openid under that mini-program.
     */
    MINI_PROGRAM,
    /**
     * In a mobile browser outside WeChat: the page sends the payer to {@link PaymentSession#redirectUrl()} (WeChat
     * Pay H5 {@code h5_url}), which opens WeChat to pay. Needs the payer's client IP.
     */
    H5,
    /**
     * In the host's own mobile app: the app passes the signed {@link WechatAppParameters} to the WeChat SDK, or the
     * signed {@link AlipayAppOrder} order string to the Alipay app SDK ({@code alipay.trade.app.pay}).
     */
    APP,
    /**
     * In a mobile browser, with Alipay's mobile website pay ({@code alipay.trade.wap.pay}): the page sends the payer
     * to {@link PaymentSession#redirectUrl()} or submits the {@link AlipayPageForm}, which opens the Alipay app or
     * Alipay's mobile cashier. Needs a return URL.
     */
    WAP
}
