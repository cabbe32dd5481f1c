package io.learnloop.lms;

import io.learnloop.core.error.Validator;
import io.learnloop.http.SharedHttpClient;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How Learnloop acting as an LTI 1.3 platform is set up: its issuer, the URLs where the host serves its endpoints,
 * its signing keys, the shared HTTP client through which tools' JWKS are fetched, and the time limits.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class LtiPlatformConfig {
    private final SharedHttpClient http;
    private final String issuer;
    private final String authorizationUrl;
    private final String tokenUrl;
    private final String agsUrl;
    private final String deepLinkingReturnUrl;
    private final Supplier<ToolKeys> keys;
    private final Duration clockSkew;
    private final Duration hintTtl;
    private final Duration idTokenLifetime;
    private final Duration accessTokenLifetime;
    private final Duration jwksMaxAge;
    private final Duration jwksMinRefreshInterval;

    private LtiPlatformConfig(Builder b) {
        this.http = b.http;
        this.issuer = b.issuer;
        this.authorizationUrl = b.authorizationUrl;
        this.tokenUrl = b.tokenUrl;
        this.agsUrl = strip(b.agsUrl);
        this.deepLinkingReturnUrl = b.deepLinkingReturnUrl;
        this.keys = b.keys;
        this.clockSkew = b.clockSkew;
        this.hintTtl = b.hintTtl;
        this.idTokenLifetime = b.idTokenLifetime;
        this.accessTokenLifetime = b.accessTokenLifetime;
        this.jwksMaxAge = b.jwksMaxAge;
        this.jwksMinRefreshInterval = b.jwksMinRefreshInterval;
    }

    /**
     * Starts a configuration. Defaults: 60 s clock skew, a login hint lives 5 minutes, an id_token 5 minutes, an
     * access token 1 hour, a fetched tool JWKS is reused for 1 hour and an unknown key id refreshes it at most once a
     * minute.
     *
     * @param http   the shared HTTP client (tools' JWKS are fetched through it)
     * @param issuer the platform's issuer: the {@code iss} of its id_tokens, an https URL the host owns
     * @param keys   supplies the platform's current signing keys (read for every signature and JWKS request, so
     *               rotation needs no restart); must be thread-safe and fast
     * @return a builder
     */
    public static Builder builder(SharedHttpClient http, String issuer, Supplier<ToolKeys> keys) {
        return new Builder(http, issuer, keys);
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
     * The issuer.
     *
     * @return the issuer
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The OIDC authorization endpoint URL, where tools send authentication requests.
     *
     * @return the URL
     */
    public String authorizationUrl() {
        return authorizationUrl;
    }

    /**
     * The OAuth 2.0 token endpoint URL, the {@code aud} of tools' client assertions.
     *
     * @return the URL
     */
    public String tokenUrl() {
        return tokenUrl;
    }

    /**
     * The base URL of the Assignment and Grade Services endpoints (no trailing slash).
     *
     * @return the URL
     */
    public String agsUrl() {
        return agsUrl;
    }

    /**
     * Where tools post Deep Linking responses.
     *
     * @return the URL
     */
    public String deepLinkingReturnUrl() {
        return deepLinkingReturnUrl;
    }

    /**
     * The platform's current keys.
     *
     * @return the keys
     */
    public ToolKeys keys() {
        return keys.get();
    }

    /**
     * The allowed clock skew.
     *
     * @return the skew
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * How long a login hint is accepted.
     *
     * @return the time to live
     */
    public Duration hintTtl() {
        return hintTtl;
    }

    /**
     * How long an id_token is valid.
     *
     * @return the lifetime
     */
    public Duration idTokenLifetime() {
        return idTokenLifetime;
    }

    /**
     * How long an access token is valid.
     *
     * @return the lifetime
     */
    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /**
     * How long a fetched tool JWKS is used.
     *
     * @return the age
     */
    public Duration jwksMaxAge() {
        return jwksMaxAge;
    }

    /**
     * The least time between two fetches of a tool's JWKS.
     *
     * @return the interval
     */
    public Duration jwksMinRefreshInterval() {
        return jwksMinRefreshInterval;
    }

    private static String strip(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "LtiPlatformConfig[issuer=" + issuer + ", authorizationUrl=" + authorizationUrl + ", tokenUrl="
                + tokenUrl + ", agsUrl=" + agsUrl + ", deepLinkingReturnUrl=" + deepLinkingReturnUrl + "]";
    }

    /**
     * Builds an {@link LtiPlatformConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final SharedHttpClient http;
        private final String issuer;
        private final Supplier<ToolKeys> keys;
        private String authorizationUrl;
        private String tokenUrl;
        private String agsUrl;
        private String deepLinkingReturnUrl;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration hintTtl = Duration.ofMinutes(5);
        private Duration idTokenLifetime = Duration.ofMinutes(5);
        private Duration accessTokenLifetime = Duration.ofHours(1);
        private Duration jwksMaxAge = Duration.ofHours(1);
        private Duration jwksMinRefreshInterval = Duration.ofMinutes(1);

        private Builder(SharedHttpClient http, String issuer, Supplier<ToolKeys> keys) {
            this.http = http;
            this.issuer = issuer;
            this.keys = keys;
        }

        /**
         * Sets the URLs at which the host serves the platform's endpoints.
         *
         * @param authorization        the OIDC authorization endpoint ({@link LtiPlatform#authorize})
         * @param token                the token endpoint ({@link LtiPlatform#token})
         * @param ags                  the base of the Assignment and Grade Services endpoints
         *                             ({@link LtiPlatform#ags}); every path under it is the platform's
         * @param deepLinkingReturn    where tools post Deep Linking responses ({@link LtiPlatform#deepLinkingReturn})
         * @return this builder
         */
        public Builder endpoints(String authorization, String token, String ags, String deepLinkingReturn) {
            this.authorizationUrl = authorization;
            this.tokenUrl = token;
            this.agsUrl = ags;
            this.deepLinkingReturnUrl = deepLinkingReturn;
            return this;
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
         * Sets how long a login hint, an id_token and an access token live.
         *
         * @param hint        10 seconds to 1 hour
         * @param idToken     10 seconds to 1 hour
         * @param accessToken 1 minute to 1 day
         * @return this builder
         */
        public Builder lifetimes(Duration hint, Duration idToken, Duration accessToken) {
            this.hintTtl = hint;
            this.idTokenLifetime = idToken;
            this.accessTokenLifetime = accessToken;
            return this;
        }

        /**
         * Sets how long a fetched tool JWKS is used and the least time between two fetches.
         *
         * @param maxAge             positive
         * @param minRefreshInterval not negative, at most {@code maxAge}
         * @return this builder
         */
        public Builder jwksCache(Duration maxAge, Duration minRefreshInterval) {
            this.jwksMaxAge = maxAge;
            this.jwksMinRefreshInterval = minRefreshInterval;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the configuration
         * @throws io.learnloop.core.error.ValidationException naming every bad setting
         */
        public LtiPlatformConfig build() {
            new Validator()
                    .notNull("http", http)
                    .notNull("keys", keys)
                    .notBlank("issuer", issuer, PlatformRegistration.MAX_LENGTH)
                    .check(PlatformRegistration.httpUrl(issuer), "issuer", "must be an absolute http(s) URL")
                    .check(PlatformRegistration.httpUrl(authorizationUrl), "authorizationUrl",
                            "must be an absolute http(s) URL (set endpoints)")
                    .check(PlatformRegistration.httpUrl(tokenUrl), "tokenUrl", "must be an absolute http(s) URL")
                    .check(PlatformRegistration.httpUrl(agsUrl), "agsUrl", "must be an absolute http(s) URL")
                    .check(PlatformRegistration.httpUrl(deepLinkingReturnUrl), "deepLinkingReturnUrl",
                            "must be an absolute http(s) URL")
                    .check(within(clockSkew, Duration.ZERO, Duration.ofMinutes(5)), "clockSkew",
                            "must be zero to 5 minutes")
                    .check(within(hintTtl, Duration.ofSeconds(10), Duration.ofHours(1)), "hintTtl",
                            "must be 10 seconds to 1 hour")
                    .check(within(idTokenLifetime, Duration.ofSeconds(10), Duration.ofHours(1)), "idTokenLifetime",
                            "must be 10 seconds to 1 hour")
                    .check(within(accessTokenLifetime, Duration.ofMinutes(1), Duration.ofDays(1)),
                            "accessTokenLifetime", "must be 1 minute to 1 day")
                    .check(jwksMaxAge != null && jwksMaxAge.compareTo(Duration.ZERO) > 0, "jwksMaxAge",
                            "must be positive")
                    .check(jwksMinRefreshInterval != null && !jwksMinRefreshInterval.isNegative()
                                    && (jwksMaxAge == null || jwksMinRefreshInterval.compareTo(jwksMaxAge) <= 0),
                            "jwksMinRefreshInterval", "must be zero or positive and at most jwksMaxAge")
                    .throwIfInvalid();
            return new LtiPlatformConfig(this);
        }

        private static boolean within(Duration value, Duration min, Duration max) {
            return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }
}
