/**
 * Learnloop sdk-payment: what hosts call ({@link io.learnloop.payment.Payments}: checkout, notifications,
 * reconciliation, refunds), the provider SPI that a payment channel implements
 * ({@link io.learnloop.payment.spi.PaymentProvider} and the requests and results only providers see), and the
 * sandbox, Stripe, Alipay and WeChat Pay v3 providers, and payouts through them
 * ({@link io.learnloop.payment.Payouts}). Every provider calls out through sdk-http.
 */
module io.learnloop.payment {
    requires transitive io.learnloop.core;
    // Provider configurations take the shared HTTP client, so hosts that configure a provider read sdk-http too.
    requires transitive io.learnloop.http;
    requires org.slf4j;
    // Apple's signed notifications and transactions are JWS, and its server API takes a signed JWT.
    requires com.nimbusds.jose.jwt;

    exports io.learnloop.payment;
    exports io.learnloop.payment.spi;
    exports io.learnloop.payment.sandbox;
    exports io.learnloop.payment.alipay;
    exports io.learnloop.payment.stripe;
    exports io.learnloop.payment.wechat;
    exports io.learnloop.payment.apple;

    // stored records are read and written by the core's JSON mapper
    opens io.learnloop.payment.internal.pipeline to com.fasterxml.jackson.databind;
    opens io.learnloop.payment.internal.apple to com.fasterxml.jackson.databind;
    opens io.learnloop.payment.internal.payout to com.fasterxml.jackson.databind;
}
