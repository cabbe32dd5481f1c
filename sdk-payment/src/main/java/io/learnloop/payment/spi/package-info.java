/**
 * The provider SPI: what a payment channel implements ({@link io.learnloop.payment.spi.PaymentProvider}) and the
 * requests and results that pass only between {@link io.learnloop.payment.Payments} and its providers (create,
 * query, close, refund, refund query). Hosts configure providers and hand them to {@code Payments}; what they call
 * and receive themselves lives in {@code io.learnloop.payment}. A provider that calls out does so through sdk-http.
 */
package io.learnloop.payment.spi;
