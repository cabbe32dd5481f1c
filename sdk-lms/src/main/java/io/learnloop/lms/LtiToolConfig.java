package io.learnloop.lms;

import io.learnloop.core.error.Validator;
import io.learnloop.http.SharedHttpClient;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the LTI tool is set up: the tool's redirect (launch) URL as registered at the platforms, its keys, the shared
 * HTTP client every call to a platform goes through, and the time limits of verification.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class LtiToolConfig {
    private final SharedHttpClient http;
    private final String redirectUri;
    private final Supplier<ToolKeys> keys;
    private final Duration clockSkew;
    private final Duration stateTtl;
    private final Duration jwksMaxAge;
    private final Duration jwksMinRefreshInterval;
    private final java.time.Clock protocolClock;

    private LtiToolConfig(Builder b) {
        this.http = b.http;
        this.redirectUri = b.redirectUri;
        this.keys = b.keys;
        this.clockSkew = b.clockSkew;
        this.stateTtl = b.stateTtl;
        this.jwksMaxAge = b.jwksMaxAge;
        this.jwksMinRefreshInterval = b.jwksMinRefreshInterval;
        this.protocolClock = b.protocolClock;
    }

    /**
     * Starts a configuration. Defaults: 60 s clock skew, a login state lives 10 minutes, a fetched JWKS is reused
     * for 1 hour, and an unknown key id refreshes it at most once a minute.
     *
     * @param http        the shared HTTP client
     * @param redirectUri the tool's redirect URI, where platforms post id_tokens (registered at each platform)
     * @param keys        the tool's keys
     * @return a builder
     */
    public static Builder builder(SharedHttpClient http, String redirectUri, ToolKeys keys) {
        Objects.requireNonNull(keys, "keys");
        return new Builder(http, redirectUri, () -> keys);
    }

    /**
     * Starts a configuration whose keys are read afresh for every signature and every JWKS request, so a host that
     * rotates keys (in its own store, on every instance) needs no restart.
     *
     * @param http        the shared HTTP client
     * @param redirectUri the tool's redirect URI
     * @param keys        supplies the current keys; must be thread-safe and fast
     * @return a builder
     */
    public static Builder builder(SharedHttpClient http, String redirectUri, Supplier<ToolKeys> keys) {
        return new Builder(http, redirectUri, keys);
    }

    /**
     * The shared HTTP client.
     *
     * @return the client
     */
    public SharedHttpClient http() {
        return http;
    }

    /**
     * The tool's redirect URI.
     *
     * @return the URI
     */
    public String redirectUri() {
        return redirectUri;
    }

    /**
     * The tool's current keys.
     *
     * @return the keys
     */
    public ToolKeys keys() {
        return Objects.requireNonNull(keys.get(), "the key supplier returned null");
    }

    /**
     * How far the platform's clock may be from the tool's when {@code exp} and {@code iat} are checked.
     *
     * @return the skew
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * How long a login state (and its nonce) is accepted.
     *
     * @return the time to live
     */
    public Duration stateTtl() {
        return stateTtl;
    }

    /**
     * How long a fetched platform JWKS is used before it is fetched again.
     *
     * @return the maximum age
     */
    public Duration jwksMaxAge() {
        return jwksMaxAge;
    }

    /**
     * The least time between two fetches of one platform's JWKS, so that tokens with made-up key ids cannot make the
     * tool hammer the platform.
     *
     * @return the interval
     */
    public Duration jwksMinRefreshInterval() {
        return jwksMinRefreshInterval;
    }

    /**
     * The clock that judges platforms' token times and dates the tool's own client assertions, or null for the
     * facade's clock.
     *
     * @return the clock, or null
     */
    public java.time.Clock protocolClock() {
        return protocolClock;
    }

    @Override
    public String toString() {
        return "LtiToolConfig[redirectUri=" + redirectUri + ", clockSkew=" + clockSkew + ", stateTtl=" + stateTtl
                + ", jwksMaxAge=" + jwksMaxAge + ", jwksMinRefreshInterval=" + jwksMinRefreshInterval + "]";
    }

    /**
     * Builds an {@link LtiToolConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final SharedHttpClient http;
        private final String redirectUri;
        private final Supplier<ToolKeys> keys;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration stateTtl = Duration.ofMinutes(10);
        private Duration jwksMaxAge = Duration.ofHours(1);
        private Duration jwksMinRefreshInterval = Duration.ofMinutes(1);
        private java.time.Clock protocolClock;

        private Builder(SharedHttpClient http, String redirectUri, Supplier<ToolKeys> keys) {
            this.http = http;
            this.redirectUri = redirectUri;
            this.keys = keys;
        }

        /**
         * Sets the allowed clock skew.
         *
         * @param value zero to 5 minutes
         * @return this builder
         */
        public Builder clockSkew(Duration value) {
            this.clockSkew = value;
            return this;
        }

        /**
         * Sets how long a login state is accepted.
         *
         * @param value 10 seconds to 1 hour
         * @return this builder
         */
        public Builder stateTtl(Duration value) {
            this.stateTtl = value;
            return this;
        }

        /**
         * Sets how long a fetched JWKS is used and the least time between two fetches.
         *
         * @param maxAge             how long a JWKS is used; positive
         * @param minRefreshInterval the least time between fetches; not negative, at most {@code maxAge}
         * @return this builder
         */
        public Builder jwksCache(Duration maxAge, Duration minRefreshInterval) {
            this.jwksMaxAge = maxAge;
            this.jwksMinRefreshInterval = minRefreshInterval;
            return this;
        }

        /**
         * Sets the clock that judges the times in platforms' id_tokens ({@code exp}, {@code iat}) and dates the tool's
         * client assertions and JWKS cache, when it must differ from the facade's: a host whose facade runs on a
         * simulated or shifted clock (a demo, a test of time-based rules) passes the system clock, which is what
         * platforms use.
         *
         * @param value the clock, or null for the facade's clock (the default)
         * @return this builder
         */
        public Builder protocolClock(java.time.Clock value) {
            this.protocolClock = value;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the configuration
         * @throws io.learnloop.core.error.ValidationException naming every bad setting
         */
        public LtiToolConfig build() {
            new Validator()
                    .notNull("http", http)
                    .notNull("keys", keys)
                    .check(PlatformRegistration.httpUrl(redirectUri), "redirectUri", "must be an absolute http(s) URL")
                    .check(clockSkew != null && !clockSkew.isNegative() && clockSkew.compareTo(Duration.ofMinutes(5)) <= 0,
                            "clockSkew", "must be zero to 5 minutes")
                    .check(stateTtl != null && stateTtl.compareTo(Duration.ofSeconds(10)) >= 0
                            && stateTtl.compareTo(Duration.ofHours(1)) <= 0, "stateTtl", "must be 10 seconds to 1 hour")
                    .check(jwksMaxAge != null && !jwksMaxAge.isNegative() && !jwksMaxAge.isZero(), "jwksMaxAge",
                            "must be positive")
                    .check(jwksMinRefreshInterval != null && !jwksMinRefreshInterval.isNegative()
                                    && (jwksMaxAge == null || jwksMinRefreshInterval.compareTo(jwksMaxAge) <= 0),
                            "jwksMinRefreshInterval", "must be zero or positive and at most jwksMaxAge")
                    .throwIfInvalid();
            return new LtiToolConfig(this);
        }
    }
}
