package io.learnloop.spring.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one call inside an observation: low-cardinality tags known before the call, more from its result, and the
 * exception's class name when it fails. Shared by the observed services, so they tag alike.
 *
 * <p>Thread-safe: stateless.
 */
final class Observations {
    private Observations() {
    }

    static <T> T observe(ObservationRegistry registry, String name, Map<String, String> before, Supplier<T> call,
                         Function<T, Map<String, String>> after) {
        Observation observation = Observation.createNotStarted(name, registry);
        before.forEach(observation::lowCardinalityKeyValue);
        observation.start();
        Observation.Scope scope = observation.openScope();
        try {
            T result = call.get();
            after.apply(result).forEach(observation::lowCardinalityKeyValue);
            return result;
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue("error", e.getClass().getSimpleName());
            observation.error(e);
            throw e;
        } finally {
            scope.close();
            observation.stop();
        }
    }
}
