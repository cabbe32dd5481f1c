package io.learnloop.community;

import io.learnloop.core.error.Validator;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Discourse site: base URL, admin API key and user, DiscourseConnect secret, timeouts and retry
 * bounds. {@link #toString()} never shows the key or the secret.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class DiscourseConfig {
    private final String baseUrl;
    private final String apiKey;
    private final String apiUsername;
    private final String connectSecret;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration maxRateLimitWait;
    private final Sleeper sleeper;
    private final boolean reactionsPlugin;

    private DiscourseConfig(Builder b) {
        this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        this.apiKey = b.apiKey;
        this.apiUsername = b.apiUsername;
        this.connectSecret = b.connectSecret;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxAttempts = b.maxAttempts;
        this.backoffBase = b.backoffBase;
        this.maxRateLimitWait = b.maxRateLimitWait;
        this.sleeper = b.sleeper;
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
     * The connect timeout.
     *
     * @return the timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The read timeout.
     *
     * @return the timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * The most attempts of one call (first try included).
     *
     * @return the attempts
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The first retry's wait; each further retry doubles it, with jitter.
     *
     * @return the base wait
     */
    public Duration backoffBase() {
        return backoffBase;
    }

    /**
     * The longest wait a 429 may ask for before the call gives up with a {@link RateLimitedException}.
     *
     * @return the bound
     */
    public Duration maxRateLimitWait() {
        return maxRateLimitWait;
    }

    /**
     * Waits between retries.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return sleeper;
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
                + (connectSecret == null ? "none" : "***") + ", maxAttempts=" + maxAttempts + "]";
    }

    /**
     * Builds a {@link DiscourseConfig}. Not thread-safe.
     */
    public static final class Builder {
        private final String baseUrl;
        private final String apiKey;
        private String apiUsername = "system";
        private String connectSecret;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private int maxAttempts = 3;
        private Duration backoffBase = Duration.ofMillis(250);
        private Duration maxRateLimitWait = Duration.ofSeconds(60);
        private Sleeper sleeper = Sleeper.threadSleep();
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
         * Sets the timeouts.
         *
         * @param connect the connect timeout
         * @param read    the read timeout
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            return this;
        }

        /**
         * Sets the retry bounds.
         *
         * @param maxAttempts      the most attempts of one call, 1 to 10
         * @param backoffBase      the first retry's wait
         * @param maxRateLimitWait the longest 429 wait honoured
         * @return this builder
         */
        public Builder retries(int maxAttempts, Duration backoffBase, Duration maxRateLimitWait) {
            this.maxAttempts = maxAttempts;
            this.backoffBase = backoffBase;
            this.maxRateLimitWait = maxRateLimitWait;
            return this;
        }

        /**
         * Sets the sleeper (tests pass one that records waits).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
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
                    .check(connectTimeout != null && readTimeout != null && !connectTimeout.isNegative()
                            && !readTimeout.isNegative(), "timeouts", "must be non-negative durations")
                    .check(maxAttempts >= 1 && maxAttempts <= 10, "maxAttempts", "must be between 1 and 10")
                    .check(backoffBase != null && !backoffBase.isNegative(), "backoffBase", "must be non-negative")
                    .check(maxRateLimitWait != null && !maxRateLimitWait.isNegative(), "maxRateLimitWait",
                            "must be non-negative")
                    .throwIfInvalid();
            return new DiscourseConfig(this);
        }
    }
}
