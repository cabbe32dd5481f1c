package io.learnloop.payment.spi;

import io.learnloop.payment.H5Scene;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.core.money.Money;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.payment.internal.checkout.PayerFields;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request to start a payment.
 *
 * <p>Thread-safe: immutable record. Build it with {@link #builder(String, Money, PaymentFlow)}.
 *
 * @param merchantReference the host's reference for the payment (Alipay and WeChat {@code out_trade_no}, Stripe
 *                          metadata); letters, digits, {@code _} and {@code -}, 6 to 32 characters so that every
 *                          provider accepts it
 * @param amount            the amount to charge; more than zero
 * @param flow              how the payer pays
 * @param description       what is bought, shown to the payer; at most 127 characters
 * @param idempotencyKey    the key the provider uses to recognise a repeated request (Stripe
 *                          {@code Idempotency-Key}); at most 255 characters
 * @param returnUrl         where the payer's browser returns after a redirect flow (required for
 *                          {@link PaymentFlow#WAP}), or null
 * @param cancelUrl         where the payer returns after cancelling a Stripe Checkout Session or leaving Alipay's WAP
 *                          cashier ({@code quit_url}), or null for {@code returnUrl}
 * @param payerId           the payer's id at the provider (WeChat {@code openid}, required for
 *                          {@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM}), or null
 * @param payerClientIp     the IPv4 or IPv6 address of the payer's device (WeChat {@code payer_client_ip}, required
 *                          for {@link PaymentFlow#H5}), or null
 * @param expiresAt         when the payment can no longer be paid, or null for the provider's default
 * @param metadata          extra key/value pairs the provider stores with the payment (sorted copy)
 * @param h5Scene           where an {@link PaymentFlow#H5} payment starts (WeChat {@code scene_info.h5_info}), or
 *                          null for a mobile web site
 */
public record CreatePaymentRequest(String merchantReference, Money amount, PaymentFlow flow,
                                   String description, String idempotencyKey, String returnUrl, String cancelUrl,
                                   String payerId, String payerClientIp, Instant expiresAt,
                                   Map<String, String> metadata, H5Scene h5Scene) {
    /**
     * Validates the request, naming every bad field at once.
     *
     * @param merchantReference the host's reference
     * @param amount            the amount
     * @param flow              the flow
     * @param description       the description
     * @param idempotencyKey    the idempotency key
     * @param returnUrl         the return URL or null
     * @param cancelUrl         the cancel URL or null
     * @param payerId           the payer id or null
     * @param payerClientIp     the payer's client IP or null
     * @param expiresAt         the expiry or null
     * @param metadata          the metadata or null
     * @param h5Scene           the H5 scene or null
     * @throws ValidationException listing every invalid field
     */
    public CreatePaymentRequest {
        Validator v = new Validator();
        checkReference(v, "merchantReference", merchantReference);
        v.notNull("amount", amount);
        v.check(amount == null || amount.minor() > 0, "amount", "must be more than zero");
        v.notNull("flow", flow);
        v.notBlank("description", description, 127);
        v.notBlank("idempotencyKey", idempotencyKey, 255);
        v.maxLength("returnUrl", returnUrl, 1024);
        v.maxLength("cancelUrl", cancelUrl, 1024);
        PayerFields.check(v, flow, payerId, payerClientIp, returnUrl);
        v.check(h5Scene == null || flow == null || flow == PaymentFlow.H5, "h5Scene",
                "is for H5 payments only (the flow is " + flow + ")");
        v.throwIfInvalid();
        metadata = metadata == null ? Map.of() : Map.copyOf(new TreeMap<>(metadata));
    }

    /**
     * Checks a merchant reference (out_trade_no / out_refund_no) against the strictest provider rules.
     *
     * @param v     the validator to record into
     * @param field the field name
     * @param value the reference
     */
    static void checkReference(Validator v, String field, String value) {
        if (value == null || value.length() < 6 || value.length() > 32) {
            v.check(false, field, "must be 6 to 32 characters (was " + (value == null ? "missing" : value.length()) + ")");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                v.check(false, field, "may contain only letters, digits, '_' and '-'");
                return;
            }
        }
    }

    /**
     * Starts a builder with the required fields; the idempotency key defaults to {@code merchantReference + ":create"}.
     *
     * @param merchantReference the host's reference
     * @param amount            the amount
     * @param flow              the flow
     * @return a builder
     */
    public static Builder builder(String merchantReference, Money amount, PaymentFlow flow) {
        return new Builder(merchantReference, amount, flow);
    }

    /**
     * Builds a {@link CreatePaymentRequest}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String merchantReference;
        private final Money amount;
        private final PaymentFlow flow;
        private String description = "Order";
        private String idempotencyKey;
        private String returnUrl;
        private String cancelUrl;
        private String payerId;
        private String payerClientIp;
        private H5Scene h5Scene;
        private Instant expiresAt;
        private final Map<String, String> metadata = new TreeMap<>();

        private Builder(String merchantReference, Money amount, PaymentFlow flow) {
            this.merchantReference = merchantReference;
            this.amount = amount;
            this.flow = flow;
        }

        /**
         * Sets the description shown to the payer.
         *
         * @param value the description
         * @return this builder
         */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /**
         * Sets the idempotency key.
         *
         * @param value the key
         * @return this builder
         */
        public Builder idempotencyKey(String value) {
            this.idempotencyKey = value;
            return this;
        }

        /**
         * Sets the return URL.
         *
         * @param value the URL
         * @return this builder
         */
        public Builder returnUrl(String value) {
            this.returnUrl = value;
            return this;
        }

        /**
         * Sets the cancel URL.
         *
         * @param value the URL
         * @return this builder
         */
        public Builder cancelUrl(String value) {
            this.cancelUrl = value;
            return this;
        }

        /**
         * Sets the payer's id at the provider.
         *
         * @param value the id, for example a WeChat openid
         * @return this builder
         */
        public Builder payerId(String value) {
            this.payerId = value;
            return this;
        }

        /**
         * Sets the payer's client IP.
         *
         * @param value the IPv4 or IPv6 address of the payer's device
         * @return this builder
         */
        public Builder payerClientIp(String value) {
            this.payerClientIp = value;
            return this;
        }

        /**
         * Sets where an {@link PaymentFlow#H5} payment starts.
         *
         * @param value the scene, or null for a mobile web site
         * @return this builder
         */
        public Builder h5Scene(H5Scene value) {
            this.h5Scene = value;
            return this;
        }

        /**
         * Sets when the payment expires.
         *
         * @param value the instant
         * @return this builder
         */
        public Builder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        /**
         * Adds a metadata entry.
         *
         * @param key   the key
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws ValidationException listing every invalid field
         */
        public CreatePaymentRequest build() {
            String key = idempotencyKey != null ? idempotencyKey : merchantReference + ":create";
            return new CreatePaymentRequest(merchantReference, amount, flow, description, key, returnUrl, cancelUrl,
                    payerId, payerClientIp, expiresAt, metadata, h5Scene);
        }
    }
}
