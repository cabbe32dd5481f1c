package io.learnloop.spring.internal;

import io.learnloop.payment.spi.PaymentProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.List;

/**
 * Which payment providers have credentials configured (their ids only; never a key). UP with at least one; the keys
 * themselves were checked at startup, and whether the provider accepts them shows on the first call.
 *
 * <p>Thread-safe: immutable.
 */
public final class ProvidersHealthIndicator implements HealthIndicator {
    private final List<String> providers;

    /**
     * Creates the indicator.
     *
     * @param providers the configured providers
     */
    public ProvidersHealthIndicator(List<PaymentProvider> providers) {
        this.providers = providers.stream().map(p -> p.id().value()).sorted().toList();
    }

    @Override
    public Health health() {
        return (providers.isEmpty() ? Health.unknown() : Health.up()).withDetail("configured", providers).build();
    }
}
