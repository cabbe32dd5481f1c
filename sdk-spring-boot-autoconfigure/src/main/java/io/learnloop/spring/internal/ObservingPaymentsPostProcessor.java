package io.learnloop.spring.internal;

import io.learnloop.payment.Payments;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link Payments} bean, the host's own included, in {@link ObservedPayments}, so the webhook endpoints,
 * the jobs and the host's code are all observed.
 *
 * <p>Thread-safe.
 */
public final class ObservingPaymentsPostProcessor implements BeanPostProcessor {
    private final ObjectProvider<ObservationRegistry> registry;

    /**
     * Creates the post-processor.
     *
     * @param registry the registry, looked up when the first Payments bean is built
     */
    public ObservingPaymentsPostProcessor(ObjectProvider<ObservationRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Payments payments && !(bean instanceof ObservedPayments)) {
            ObservationRegistry r = registry.getIfAvailable();
            if (r != null && !r.isNoop()) {
                return new ObservedPayments(payments, r);
            }
        }
        return bean;
    }
}
