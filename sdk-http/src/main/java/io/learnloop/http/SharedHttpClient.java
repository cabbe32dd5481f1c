package io.learnloop.http;

import io.learnloop.core.error.Validator;
import okhttp3.OkHttpClient;

import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP client every remote peer of one SDK instance goes through: payment providers and the Discourse backend.
 * Build one and pass it to each provider configuration and to {@code DiscourseConfig}, so that they share one
 * connection pool, one dispatcher, one retry policy and one sleeper.
 *
 * <p>A host that already has an {@link OkHttpClient} passes it to {@link Builder#okHttpClient(OkHttpClient)}; the SDK
 * derives its own variant with {@link OkHttpClient#newBuilder()} (sharing the pool and the dispatcher, keeping the
 * host's interceptors, TLS set-up and proxy) and never changes the host's client. This is the one public type that
 * names okhttp.
 *
 * <p>Whatever client is passed, the SDK turns okhttp's own silent retry and redirects off: which calls may be
 * repeated is decided by the SDK's {@link RetryPolicy} alone, and a payment API never answers with a redirect worth
 * following with credentials.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class SharedHttpClient {
    private final OkHttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final Proxy proxy;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;

    private SharedHttpClient(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.proxy = b.proxy;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        OkHttpClient.Builder ok = (b.base != null ? b.base : new OkHttpClient()).newBuilder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        if (proxy != null) {
            ok.proxy(proxy);
        }
        this.client = ok.build();
    }

    /**
     * Starts a client with a new okhttp client, the default timeouts (connect 5 s, read and write 20 s, whole attempt
     * 30 s), {@link RetryPolicy#defaults()} and {@link Sleeper#system()}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A client with all the defaults of {@link #builder()}.
     *
     * @return the client
     */
    public static SharedHttpClient create() {
        return builder().build();
    }

    /**
     * Starts a variant of this client: same connection pool and dispatcher, same settings until changed (for example
     * a longer read timeout for one peer).
     *
     * @return a builder holding this client's settings
     */
    public Builder newBuilder() {
        Builder b = new Builder(client);
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.proxy = proxy;
        b.retryPolicy = retryPolicy;
        b.sleeper = sleeper;
        return b;
    }

    /**
     * The okhttp client the SDK sends with (the host's, if one was given, with the SDK's timeouts). Hosts may share
     * it; the SDK itself sends only through its pipeline.
     *
     * @return the client
     */
    @SuppressWarnings("exports") // hosts that use it depend on okhttp themselves
    public OkHttpClient okHttpClient() {
        return client;
    }

    /**
     * The retry policy.
     *
     * @return the policy
     */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * The sleeper that waits between attempts.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * How long to wait for a connection.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long to wait for the next bytes while sending or receiving.
     *
     * @return the read (and write) timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * The limit for one whole attempt: connecting, sending and reading the response.
     *
     * @return the call timeout
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    @Override
    public String toString() {
        return "SharedHttpClient[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout="
                + callTimeout + ", proxy=" + (proxy == null ? "default" : proxy) + ", " + retryPolicy + ", sleeper="
                + sleeper + "]";
    }

    /**
     * Builds a {@link SharedHttpClient}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private OkHttpClient base;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration callTimeout = Duration.ofSeconds(30);
        private Proxy proxy;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();

        private Builder(OkHttpClient base) {
            this.base = base;
        }

        /**
         * Sends through a variant of the host's okhttp client (its pool, dispatcher, interceptors and TLS set-up);
         * the host's client itself is never changed.
         *
         * @param value the host's client
         * @return this builder
         */
        @SuppressWarnings("exports") // hosts that pass a client depend on okhttp themselves
        public Builder okHttpClient(OkHttpClient value) {
            this.base = Objects.requireNonNull(value, "okHttpClient");
            return this;
        }

        /**
         * Sets the connect and the read (and write) timeouts.
         *
         * @param connect how long to wait for a connection
         * @param read    how long to wait for the next bytes
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            return this;
        }

        /**
         * Sets the limit for one whole attempt.
         *
         * @param value the call timeout
         * @return this builder
         */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /**
         * Sends through a proxy ({@link Proxy#NO_PROXY} for none); without this the okhttp client's own choice
         * (the JVM's proxy selector by default) applies.
         *
         * @param value the proxy
         * @return this builder
         */
        public Builder proxy(Proxy value) {
            this.proxy = Objects.requireNonNull(value, "proxy");
            return this;
        }

        /**
         * Sets the retry policy.
         *
         * @param value the policy; {@code RetryPolicy.defaults().withMaxAttempts(1)} never retries
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * Sets the sleeper (tests pass one that records the waits).
         *
         * @param value the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the client
         * @throws io.learnloop.core.error.ValidationException naming each timeout that is missing, zero or negative
         */
        public SharedHttpClient build() {
            new Validator()
                    .check(positive(connectTimeout), "connectTimeout", "must be a positive duration")
                    .check(positive(readTimeout), "readTimeout", "must be a positive duration")
                    .check(positive(callTimeout), "callTimeout", "must be a positive duration")
                    .throwIfInvalid();
            return new SharedHttpClient(this);
        }

        private static boolean positive(Duration d) {
            return d != null && !d.isNegative() && !d.isZero();
        }
    }
}
