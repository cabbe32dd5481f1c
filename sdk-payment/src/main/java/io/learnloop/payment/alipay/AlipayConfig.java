package io.learnloop.payment.alipay;

import io.learnloop.core.error.Validator;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.http.PaymentHttpClient;
import io.learnloop.payment.internal.config.ProviderSettings;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of one {@link AlipayProvider} in public-key mode: one application ({@code app_id}), its RSA2
 * private key and Alipay's public key (several during a rotation).
 *
 * <p>Thread-safe: immutable; keys never appear in {@link #toString()}. The builder is not thread-safe.
 */
public final class AlipayConfig {
    private final String appId;
    private final PrivateKey appPrivateKey;
    private final List<PublicKey> alipayPublicKeys;
    private final String gatewayUrl;
    private final String notifyUrl;
    private final String sellerId;
    private final ZoneId zone;
    private final ProviderSettings settings;

    private AlipayConfig(Builder b) {
        Validator v = new Validator()
                .notBlank("appId", b.appId, 32)
                .notNull("appPrivateKey", b.appPrivateKey)
                .check(b.appPrivateKey == null || "RSA".equals(b.appPrivateKey.getAlgorithm()), "appPrivateKey",
                        "must be the application's RSA private key (RSA2 = SHA256withRSA)")
                .check(!b.alipayPublicKeys.isEmpty(), "alipayPublicKeys", "add Alipay's public key (支付宝公钥), not the app's own")
                .notBlank("gatewayUrl", b.gatewayUrl, 200);
        b.settings.checkTolerance(v).throwIfInvalid();
        this.appId = b.appId;
        this.appPrivateKey = b.appPrivateKey;
        this.alipayPublicKeys = List.copyOf(b.alipayPublicKeys);
        this.gatewayUrl = b.gatewayUrl;
        this.notifyUrl = b.notifyUrl;
        this.sellerId = b.sellerId;
        this.zone = Objects.requireNonNull(b.zone, "zone");
        this.settings = b.settings.build();
    }

    /**
     * Starts a builder.
     *
     * @param appId the application id
     * @return a builder
     */
    public static Builder builder(String appId) {
        return new Builder(appId);
    }

    ProviderSettings settings() {
        return settings;
    }

    String appId() {
        return appId;
    }

    PrivateKey appPrivateKey() {
        return appPrivateKey;
    }

    List<PublicKey> alipayPublicKeys() {
        return alipayPublicKeys;
    }

    String gatewayUrl() {
        return gatewayUrl;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    String sellerId() {
        return sellerId;
    }

    ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "AlipayConfig[id=" + settings.id() + ", appId=" + appId + ", gatewayUrl=" + gatewayUrl + ", sellerId=" + sellerId
                + ", appPrivateKey=(redacted), alipayPublicKeys=" + alipayPublicKeys.size() + "]";
    }

    /**
     * Builds an {@link AlipayConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ProviderSettings.Builder settings = ProviderSettings.remote(ProviderId.ALIPAY, Duration.ofMinutes(15));
        private final String appId;
        private PrivateKey appPrivateKey;
        private final List<PublicKey> alipayPublicKeys = new ArrayList<>();
        private String gatewayUrl = "https://openapi.alipay.com/gateway.do";
        private String notifyUrl;
        private String sellerId;
        private ZoneId zone = ZoneId.of("Asia/Shanghai");

        private Builder(String appId) {
            this.appId = appId;
        }

        /**
         * Sets the provider id.
         *
         * @param value the id
         * @return this builder
         */
        public Builder id(ProviderId value) {
            settings.id(value);
            return this;
        }

        /**
         * Sets the application private key that signs requests.
         *
         * @param value the RSA private key
         * @return this builder
         */
        public Builder appPrivateKey(PrivateKey value) {
            this.appPrivateKey = value;
            return this;
        }

        /**
         * Adds an Alipay public key that verifies responses and notifications.
         *
         * @param value the key
         * @return this builder
         */
        public Builder alipayPublicKey(PublicKey value) {
            alipayPublicKeys.add(Objects.requireNonNull(value, "alipayPublicKey"));
            return this;
        }

        /**
         * Sets the gateway (sandbox: {@code https://openapi-sandbox.dl.alipaydev.com/gateway.do}).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder gatewayUrl(String value) {
            this.gatewayUrl = value;
            return this;
        }

        /**
         * Sets the asynchronous notification URL.
         *
         * @param value the URL
         * @return this builder
         */
        public Builder notifyUrl(String value) {
            this.notifyUrl = value;
            return this;
        }

        /**
         * Sets the seller id ({@code seller_id}, the 2088… partner id) that notifications must carry.
         *
         * @param value the id, or null to skip the check
         * @return this builder
         */
        public Builder sellerId(String value) {
            this.sellerId = value;
            return this;
        }

        /**
         * Sets how far {@code notify_time} may lie from the clock, in either direction (default 15 minutes).
         *
         * @param value the tolerance
         * @return this builder
         */
        public Builder tolerance(Duration value) {
            settings.tolerance(value);
            return this;
        }

        /**
         * Sets the zone of Alipay's timestamps (default Asia/Shanghai).
         *
         * @param value the zone
         * @return this builder
         */
        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            settings.clock(value);
            return this;
        }

        /**
         * Sets the shared HTTP client.
         *
         * @param value the client
         * @return this builder
         */
        public Builder http(PaymentHttpClient value) {
            settings.http(value);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public AlipayConfig build() {
            return new AlipayConfig(this);
        }
    }
}
