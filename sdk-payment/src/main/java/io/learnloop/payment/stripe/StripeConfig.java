package io.learnloop.payment.stripe;

import io.learnloop.core.error.Validator;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.internal.config.ProviderSettings;

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
    private final Secret apiKey;
    private final List<Secret> webhookSecrets;
    private final String baseUrl;
    private final String apiVersion;
    private final String stripeAccount;
    private final String defaultReturnUrl;
    private final ProviderSettings settings;

    private StripeConfig(Builder b) {
        Validator v = new Validator()
                .notNull("apiKey", b.apiKey)
                .check(!b.webhookSecrets.isEmpty(), "webhookSecrets", "add at least one endpoint secret (whsec_…)")
                .notBlank("baseUrl", b.baseUrl, 200);
        b.settings.checkTolerance(v, "must be positive; an unlimited tolerance would accept replayed notifications")
                .throwIfInvalid();
        this.apiKey = b.apiKey;
        this.webhookSecrets = List.copyOf(b.webhookSecrets);
        this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.apiVersion = b.apiVersion;
        this.stripeAccount = b.stripeAccount;
        this.defaultReturnUrl = b.defaultReturnUrl;
        this.settings = b.settings.build();
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

    ProviderSettings settings() {
        return settings;
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

    String defaultReturnUrl() {
        return defaultReturnUrl;
    }

    @Override
    public String toString() {
        return "StripeConfig[id=" + settings.id() + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", stripeAccount="
                + stripeAccount + ", apiKey=(redacted), webhookSecrets=" + webhookSecrets.size() + " (redacted), tolerance="
                + settings.tolerance() + "]";
    }

    /**
     * Builds a {@link StripeConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ProviderSettings.Builder settings = ProviderSettings.remote(ProviderId.STRIPE, Duration.ofSeconds(300));
        private final Secret apiKey;
        private final List<Secret> webhookSecrets = new ArrayList<>();
        private String baseUrl = "https://api.stripe.com";
        private String apiVersion;
        private String stripeAccount;
        private String defaultReturnUrl;

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
            settings.id(value);
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
            settings.tolerance(value);
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
            settings.clock(value);
            return this;
        }

        /**
         * Sets the SDK instance's shared HTTP client (its timeouts, retry policy and sleeper); without one the
         * provider makes its own with the defaults.
         *
         * @param value the client
         * @return this builder
         */
        public Builder http(SharedHttpClient value) {
            settings.http(value);
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
