package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.ProviderId;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured providers by id.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class Providers {
    private final Map<ProviderId, PaymentProvider> byId = new LinkedHashMap<>();

    Providers(List<PaymentProvider> providers) {
        for (PaymentProvider p : providers) {
            if (byId.put(p.id(), p) != null) {
                throw ValidationException.of("providers", "provider id '" + p.id() + "' is configured twice");
            }
        }
        if (byId.isEmpty()) {
            throw ValidationException.of("providers", "configure at least one payment provider");
        }
    }

    /** The provider, or a validation error naming the configured ones. */
    PaymentProvider get(ProviderId id) {
        PaymentProvider p = byId.get(id);
        if (p == null) {
            throw ValidationException.of("provider", "'" + id + "' is not configured; configured: " + byId.keySet());
        }
        return p;
    }

    /** The configured providers' ids, in the order they were configured. */
    Collection<ProviderId> ids() {
        return Collections.unmodifiableSet(byId.keySet());
    }

    /** The provider by its stored name, or null if it is no longer configured. */
    PaymentProvider find(String id) {
        return byId.get(new ProviderId(id));
    }
}
