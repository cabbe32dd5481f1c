package io.learnloop.spring.internal;

import io.learnloop.rest.RestApi;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link RestApi} bean, the host's own included, in {@link ObservedRestApi} when there is an
 * observation registry.
 *
 * <p>Thread-safe.
 */
public final class ObservingRestApiPostProcessor implements BeanPostProcessor {
    private final ObjectProvider<ObservationRegistry> registry;

    /**
     * Creates the post-processor.
     *
     * @param registry the registry, looked up when the first RestApi bean is built
     */
    public ObservingRestApiPostProcessor(ObjectProvider<ObservationRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RestApi api && !(bean instanceof ObservedRestApi)) {
            ObservationRegistry r = registry.getIfAvailable();
            if (r != null && !r.isNoop()) {
                return new ObservedRestApi(api, r);
            }
        }
        return bean;
    }
}
