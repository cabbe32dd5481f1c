package io.learnloop.spring.internal;

import io.learnloop.rest.RestApi;
import io.learnloop.rest.RestRequest;
import io.learnloop.rest.RestResponse;
import io.learnloop.rest.Route;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.Map;

/**
 * The HTTP API with its recommendation requests ({@code GET /me/recommendations}) observed through Micrometer's
 * Observation API as {@code learnloop.recommendations}, tagged with the response's {@code status} only. The
 * recommendation service is a final class of sdk-recommend, so the API's call is where its latency is taken; it
 * includes the read of the caller's entitlements. Every other request passes through unobserved.
 *
 * <p>Thread-safe when the delegate is.
 */
public final class ObservedRestApi implements RestApi {
    private static final String PATH = "/me/recommendations";
    private final RestApi delegate;
    private final ObservationRegistry registry;

    /**
     * Wraps an API.
     *
     * @param delegate the API
     * @param registry the observation registry
     */
    public ObservedRestApi(RestApi delegate, ObservationRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public RestResponse handle(RestRequest request) {
        if (!"GET".equals(request.method()) || !PATH.equals(request.path())) {
            return delegate.handle(request);
        }
        return Observations.observe(registry, "learnloop.recommendations", Map.of(), () -> delegate.handle(request),
                r -> Map.of("status", String.valueOf(r.status())));
    }

    @Override
    public List<Route> routes() {
        return delegate.routes();
    }

    @Override
    public int maxBodyBytes() {
        return delegate.maxBodyBytes();
    }

    @Override
    public String toString() {
        return "ObservedRestApi[" + delegate + "]";
    }
}
