package io.learnloop.payment.http;

import okhttp3.OkHttpClient;

import java.util.Objects;

/**
 * The HTTP client the providers share. Build one per SDK instance and pass it to every provider so they share one
 * connection pool and dispatcher. A host that already has an {@link OkHttpClient} passes it in; the SDK derives its
 * own variant with {@link OkHttpClient#newBuilder()} (sharing the pool) and never changes the host's client.
 *
 * <p>This is the one public type that names okhttp, so that hosts can hand over their client.
 *
 * <p>Thread-safe: immutable.
 */
public final class PaymentHttpClient {
    private final OkHttpClient client;
    private final HttpSettings settings;
    private final Sleeper sleeper;

    private PaymentHttpClient(OkHttpClient base, HttpSettings settings, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.client = base.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // Retries are decided by the SDK, which knows which calls are safe to repeat.
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    /**
     * A client with a new okhttp client, the default settings and the system sleeper.
     *
     * @return the client
     */
    public static PaymentHttpClient create() {
        return create(HttpSettings.defaults(), Sleeper.system());
    }

    /**
     * A client with a new okhttp client.
     *
     * @param settings timeouts and retries
     * @param sleeper  the sleeper for backoff
     * @return the client
     */
    public static PaymentHttpClient create(HttpSettings settings, Sleeper sleeper) {
        return new PaymentHttpClient(new OkHttpClient(), settings, sleeper);
    }

    /**
     * A client derived from the host's okhttp client (sharing its pool and dispatcher).
     *
     * @param hostClient the host's client; not modified
     * @param settings   timeouts and retries
     * @param sleeper    the sleeper for backoff
     * @return the client
     */
    @SuppressWarnings("exports") // hosts that pass a client depend on okhttp themselves
    public static PaymentHttpClient wrap(OkHttpClient hostClient, HttpSettings settings, Sleeper sleeper) {
        return new PaymentHttpClient(Objects.requireNonNull(hostClient, "hostClient"), settings, sleeper);
    }

    /**
     * The okhttp client the SDK uses (with the SDK's timeouts).
     *
     * @return the client
     */
    @SuppressWarnings("exports") // for hosts that want to share the configured client
    public OkHttpClient okHttpClient() {
        return client;
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public HttpSettings settings() {
        return settings;
    }

    /**
     * The sleeper.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public String toString() {
        return "PaymentHttpClient[" + settings + "]";
    }
}
