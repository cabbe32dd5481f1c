package io.learnloop.community;

import io.learnloop.core.error.Validator;
import io.learnloop.http.SharedHttpClient;

import java.util.Objects;

/**
 * How to reach a Discourse site: base URL, admin API key and user, DiscourseConnect secret, and the SDK's shared
 * HTTP client, whose timeouts, retry policy and sleeper Discourse calls use like every other remote call.
 * {@link #toString()} never shows the key or the secret.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class DiscourseConfig {
    private final String baseUrl;
    private final String apiKey;
    private final String apiUsername;
    private final String connectSecret;
    private final SharedHttpClient http;
    private final boolean reactionsPlugin;

    private DiscourseConfig(Builder b) {
        this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.apiKey = b.apiKey;
        this.apiUsername = b.apiUsername;
        this.connectSecret = b.connectSecret;
        this.http = b.http != null ? b.http : SharedHttpClient.create();
        this.reactionsPlugin = b.reactionsPlugin;
    }

    /**
     * Starts a configuration.
     *
     * @param baseUrl the site's base URL, for example {@code https://forum.example.com}
     * @param apiKey  an admin API key for all users (created in {@code /admin/api/keys})
     * @return a builder
     */
    public static Builder builder(String baseUrl, String apiKey) {
        return new Builder(baseUrl, apiKey);
    }

    /**
     * The base URL without a trailing slash.
     *
     * @return the URL
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The admin API key (never logged).
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * The user admin calls act as (default {@code system}).
     *
     * @return the username
     */
    public String apiUsername() {
        return apiUsername;
    }

    /**
     * The DiscourseConnect secret that signs {@code sync_sso} payloads, or null if user sync is not used.
     *
     * @return the secret
     */
    public String connectSecret() {
        return connectSecret;
    }

    /**
     * The HTTP client calls go through: its timeouts, its retry policy (a 429 whose {@code Retry-After} exceeds the
     * policy's {@code maxRetryAfter} fails with a {@link RateLimitedException}) and its sleeper.
     *
     * @return the client
     */
    public SharedHttpClient http() {
        return http;
    }

    /**
     * Whether the {@code discourse-reactions} plugin is installed (then reactions other than like are allowed).
     *
     * @return true if installed
     */
    public boolean reactionsPlugin() {
        return reactionsPlugin;
    }

    @Override
    public String toString() {
        return "DiscourseConfig[baseUrl=" + baseUrl + ", apiUsername=" + apiUsername + ", apiKey=***, connectSecret="
                + (connectSecret == null ? "none" : "***") + ", " + http + "]";
    }

    /**
     * Builds a {@link DiscourseConfig}. Not thread-safe.
     */
    public static final class Builder {
        private final String baseUrl;
        private final String apiKey;
        private String apiUsername = "system";
        private String connectSecret;
        private SharedHttpClient http;
        private boolean reactionsPlugin;

        private Builder(String baseUrl, String apiKey) {
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
        }

        /**
         * Sets the user admin calls act as.
         *
         * @param username an admin's username
         * @return this builder
         */
        public Builder apiUsername(String username) {
            this.apiUsername = username;
            return this;
        }

        /**
         * Sets the DiscourseConnect secret (site setting {@code discourse_connect_secret}).
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder connectSecret(String secret) {
            this.connectSecret = secret;
            return this;
        }

        /**
         * Sets the SDK instance's shared HTTP client (timeouts, proxy, retry policy, sleeper); without one the
         * backend makes its own with the defaults. Tests pass one whose sleeper records the waits.
         *
         * @param value the client
         * @return this builder
         */
        public Builder http(SharedHttpClient value) {
            this.http = Objects.requireNonNull(value, "http");
            return this;
        }

        /**
         * Declares the {@code discourse-reactions} plugin installed.
         *
         * @param installed whether it is
         * @return this builder
         */
        public Builder reactionsPlugin(boolean installed) {
            this.reactionsPlugin = installed;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the configuration
         * @throws io.learnloop.core.error.ValidationException naming each bad setting
         */
        public DiscourseConfig build() {
            new Validator()
                    .check(baseUrl != null && baseUrl.matches("https?://.+"), "baseUrl", "must be an http(s) URL")
                    .notBlank("apiKey", apiKey, 200)
                    .notBlank("apiUsername", apiUsername, 60)
                    .check(connectSecret == null || connectSecret.length() >= 10, "connectSecret",
                            "must be at least 10 characters (Discourse's minimum)")
                    .throwIfInvalid();
            return new DiscourseConfig(this);
        }
    }
}
