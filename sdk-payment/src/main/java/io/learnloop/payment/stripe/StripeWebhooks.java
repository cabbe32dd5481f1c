package io.learnloop.payment.stripe;

import io.learnloop.payment.Secret;
import io.learnloop.payment.internal.crypto.Crypto;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Stripe webhook signature helpers, for host tests that need valid {@code Stripe-Signature} headers.
 *
 * <p>Thread-safe: stateless.
 */
public final class StripeWebhooks {
    private StripeWebhooks() {
    }

    /**
     * The v1 signature: lowercase hex HMAC-SHA256 of {@code "<t>.<raw body>"} keyed with the endpoint secret.
     *
     * @param body      the raw body
     * @param secret    the endpoint secret
     * @param timestamp the signing time (whole seconds are used)
     * @return the hex signature
     */
    public static String v1Signature(byte[] body, Secret secret, Instant timestamp) {
        return v1Signature(body, secret, timestamp.getEpochSecond());
    }

    /**
     * The v1 signature for a timestamp read from a header, which need not be a time an {@link Instant} can hold.
     */
    static String v1Signature(byte[] body, Secret secret, long epochSecond) {
        byte[] prefix = (epochSecond + ".").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return Crypto.hmacSha256Hex(secret.bytes(), payload);
    }

    /**
     * A complete {@code Stripe-Signature} header value {@code t=<seconds>,v1=<hex>}.
     *
     * @param body      the raw body
     * @param secret    the endpoint secret
     * @param timestamp the signing time
     * @return the header value
     */
    public static String signatureHeader(byte[] body, Secret secret, Instant timestamp) {
        return "t=" + timestamp.getEpochSecond() + ",v1=" + v1Signature(body, secret, timestamp);
    }
}
