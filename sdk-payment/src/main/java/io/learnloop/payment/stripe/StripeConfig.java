package io.learnloop.payment.stripe;

import io.learnloop.core.error.Validator;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.http.PaymentHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of one {@link StripeProvider}: one Stripe account (or one connected account).
 *
 * <p>Thread-safe: immutable; secrets never appear in {@link #toString()}. The builder is not thread-safe.
 */
public final class StripeConfig {
    private final ProviderId id;
    private final Secret apiKey;
    private final List<Secret> webhookSecrets;
    private final String baseUrl;
    private final String apiVersion;
    private final String stripeAccount;
    private final Duration tolerance;
    private final String defaultReturnUrl;
    private final Clock clock;
    private final PaymentHttpClient http;

    private StripeConfig(Builder b) {
        new Validator()
                .notNull("apiKey", b.apiKey)
                .check(!b.webhookSecrets.isEmpty(), "webhookSecrets", "add at least one endpoint secret (whsec_…)")
                .notBlank("baseUrl", b.baseUrl, 200)
                .check(b.tolerance != null && !b.tolerance.isNegative() && !b.tolerance.isZero(), "tolerance",
                        "must be positive; an unlimited tolerance would accept replayed notifications")
                .throwIfInvalid();
        this.id = b.id;
        this.apiKey = b.apiKey;
        this.webhookSecrets = List.copyOf(b.webhookSecrets);
        this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.apiVersion = b.apiVersion;
        this.stripeAccount = b.stripeAccount;
        this.tolerance = b.tolerance;
        this.defaultReturnUrl = b.defaultReturnUrl;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.http = b.http != null ? b.http : PaymentHttpClient.create();
    }

    /**
     * Starts a builder.
     *
     * @param apiKey the secret API key ({@code sk_…} or a restricted {@code rk_…} key)
     * @return a builder
     */
    public static Builder builder(Secret apiKey) {
        return new Builder(apiKey);
    }

    ProviderId id() {
        return id;
    }

    Secret apiKey() {
        return apiKey;
    }

    List<Secret> webhookSecrets() {
        return webhookSecrets;
    }

    String baseUrl() {
        return baseUrl;
    }

    String apiVersion() {
        return apiVersion;
    }

    String stripeAccount() {
        return stripeAccount;
    }

    Duration tolerance() {
        return tolerance;
    }

    String defaultReturnUrl() {
        return defaultReturnUrl;
    }

    Clock clock() {
        return clock;
    }

    PaymentHttpClient http() {
        return http;
    }

    @Override
    public String toString() {
        return "StripeConfig[id=" + id + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", stripeAccount="
                + stripeAccount + ", apiKey=(redacted), webhookSecrets=" + webhookSecrets.size() + " (redacted), tolerance="
                + tolerance + "]";
    }

    /**
     * Builds a {@link StripeConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private ProviderId id = ProviderId.STRIPE;
        private final Secret apiKey;
        private final List<Secret> webhookSecrets = new ArrayList<>();
        private String baseUrl = "https://api.stripe.com";
        private String apiVersion;
        private String stripeAccount;
        private Duration tolerance = Duration.ofSeconds(300);
        private String defaultReturnUrl;
        private Clock clock = Clock.systemUTC();
        private PaymentHttpClient http;

        private Builder(Secret apiKey) {
            this.apiKey = apiKey;
        }

        /**
         * Sets the provider id (to configure several Stripe accounts).
         *
         * @param value the id
         * @return this builder
         */
        public Builder id(ProviderId value) {
            this.id = Objects.requireNonNull(value, "id");
            return this;
        }

        /**
         * Adds a webhook endpoint secret. During a secret roll Stripe signs with both secrets; add both.
         *
         * @param value the secret ({@code whsec_…})
         * @return this builder
         */
        public Builder webhookSecret(Secret value) {
            webhookSecrets.add(Objects.requireNonNull(value, "webhookSecret"));
            return this;
        }

        /**
         * Sets the API base URL (tests point it at a local stub).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /**
         * Pins the {@code Stripe-Version} header.
         *
         * @param value the version, for example {@code "2024-06-20"}
         * @return this builder
         */
        public Builder apiVersion(String value) {
            this.apiVersion = value;
            return this;
        }

        /**
         * Acts on behalf of a connected account ({@code Stripe-Account}); notifications must then carry the same
         * {@code account}.
         *
         * @param value the account id ({@code acct_…})
         * @return this builder
         */
        public Builder stripeAccount(String value) {
            this.stripeAccount = value;
            return this;
        }

        /**
         * Sets how far a webhook timestamp may lie in the past or the future (default 300 s).
         *
         * @param value the tolerance
         * @return this builder
         */
        public Builder tolerance(Duration value) {
            this.tolerance = value;
            return this;
        }

        /**
         * Sets the return URL used when a request names none.
         *
         * @param value the URL
         * @return this builder
         */
        public Builder defaultReturnUrl(String value) {
            this.defaultReturnUrl = value;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Sets the shared HTTP client.
         *
         * @param value the client
         * @return this builder
         */
        public Builder http(PaymentHttpClient value) {
            this.http = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public StripeConfig build() {
            return new StripeConfig(this);
        }
    }
}
