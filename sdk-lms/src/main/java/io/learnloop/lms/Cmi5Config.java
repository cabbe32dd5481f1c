package io.learnloop.lms;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * How Learnloop acting as a cmi5 LMS is set up: where the host serves the learning record store the assignable units
 * talk to and the fetch URL that hands out their credentials, the account home page that names learners in
 * statements, the base of the activity ids the LMS generates, and how long credentials live.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class Cmi5Config {
    private final String endpoint;
    private final String fetchUrl;
    private final String accountHomePage;
    private final String activityIdBase;
    private final Duration fetchTtl;
    private final Duration sessionTtl;

    private Cmi5Config(Builder b) {
        this.endpoint = b.endpoint.endsWith("/") ? b.endpoint : b.endpoint + "/";
        this.fetchUrl = b.fetchUrl;
        this.accountHomePage = b.accountHomePage;
        this.activityIdBase = b.activityIdBase.endsWith("/") ? b.activityIdBase.substring(0,
                b.activityIdBase.length() - 1) : b.activityIdBase;
        this.fetchTtl = b.fetchTtl;
        this.sessionTtl = b.sessionTtl;
    }

    /**
     * Starts a configuration. Defaults: a fetch URL can be used for 5 minutes after the launch, an AU session's
     * credentials live 8 hours.
     *
     * @param endpoint        the learning record store's base URL, where the host routes every path to
     *                        {@link Cmi5Lms#lrs} (the launch's {@code endpoint})
     * @param fetchUrl        where the host routes POSTs to {@link Cmi5Lms#fetch}; each launch adds its one-time
     *                        key as the {@code k} query parameter
     * @param accountHomePage the {@code homePage} of every learner's account in statements (the learner's id is the
     *                        account name; never an email)
     * @param activityIdBase  the IRI under which the LMS names the AUs, blocks and courses it launches and satisfies
     * @return a builder
     */
    public static Builder builder(String endpoint, String fetchUrl, String accountHomePage, String activityIdBase) {
        return new Builder(endpoint, fetchUrl, accountHomePage, activityIdBase);
    }

    /**
     * The learning record store's base URL, ending with a slash.
     *
     * @return the URL
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The fetch URL without the launch's key.
     *
     * @return the URL
     */
    public String fetchUrl() {
        return fetchUrl;
    }

    /**
     * The account home page of learners.
     *
     * @return the URL
     */
    public String accountHomePage() {
        return accountHomePage;
    }

    /**
     * The base of generated activity ids, without a trailing slash.
     *
     * @return the IRI
     */
    public String activityIdBase() {
        return activityIdBase;
    }

    /**
     * How long a launch's fetch URL can be used.
     *
     * @return the time to live
     */
    public Duration fetchTtl() {
        return fetchTtl;
    }

    /**
     * How long an AU session's credentials are accepted.
     *
     * @return the time to live
     */
    public Duration sessionTtl() {
        return sessionTtl;
    }

    @Override
    public String toString() {
        return "Cmi5Config[endpoint=" + endpoint + ", fetchUrl=" + fetchUrl + ", accountHomePage=" + accountHomePage
                + ", activityIdBase=" + activityIdBase + "]";
    }

    /**
     * Builds a {@link Cmi5Config}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String endpoint;
        private final String fetchUrl;
        private final String accountHomePage;
        private final String activityIdBase;
        private Duration fetchTtl = Duration.ofMinutes(5);
        private Duration sessionTtl = Duration.ofHours(8);

        private Builder(String endpoint, String fetchUrl, String accountHomePage, String activityIdBase) {
            this.endpoint = endpoint;
            this.fetchUrl = fetchUrl;
            this.accountHomePage = accountHomePage;
            this.activityIdBase = activityIdBase;
        }

        /**
         * Sets how long a fetch URL and a session's credentials live.
         *
         * @param fetch   10 seconds to 1 hour
         * @param session 1 minute to 1 day
         * @return this builder
         */
        public Builder lifetimes(Duration fetch, Duration session) {
            this.fetchTtl = fetch;
            this.sessionTtl = session;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the configuration
         * @throws io.learnloop.core.error.ValidationException naming every bad setting
         */
        public Cmi5Config build() {
            new Validator()
                    .check(PlatformRegistration.httpUrl(endpoint) && !endpoint.contains("?"), "endpoint",
                            "must be an absolute http(s) URL without a query")
                    .check(PlatformRegistration.httpUrl(fetchUrl) && !fetchUrl.contains("?"), "fetchUrl",
                            "must be an absolute http(s) URL without a query")
                    .check(PlatformRegistration.httpUrl(accountHomePage), "accountHomePage",
                            "must be an absolute http(s) URL")
                    .check(PlatformRegistration.httpUrl(activityIdBase) && !activityIdBase.contains("?"),
                            "activityIdBase", "must be an absolute http(s) IRI without a query")
                    .check(within(fetchTtl, Duration.ofSeconds(10), Duration.ofHours(1)), "fetchTtl",
                            "must be 10 seconds to 1 hour")
                    .check(within(sessionTtl, Duration.ofMinutes(1), Duration.ofDays(1)), "sessionTtl",
                            "must be 1 minute to 1 day")
                    .throwIfInvalid();
            return new Cmi5Config(this);
        }

        private static boolean within(Duration value, Duration min, Duration max) {
            return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }
}
