package io.learnloop.spring.autoconfigure;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.rest.RestApi;
import io.learnloop.spring.LearnloopBuilderCustomizer;
import io.learnloop.spring.internal.EventMetrics;
import io.learnloop.spring.internal.ObservedAccess;
import io.learnloop.spring.internal.ObservingRestApiPostProcessor;
import io.learnloop.spring.internal.ObservingPaymentsPostProcessor;
import io.learnloop.spring.internal.OutboxLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Micrometer: {@code Payments} observed through the Observation API when the host has an {@link ObservationRegistry}
 * (checkouts, notifications by provider and verdict, refunds by state, reconciliations), the facade's access
 * decisions (through {@code learnloop.access()}, which the starter's facade hands out observed, and the
 * {@link AccessService} bean, the same service), the HTTP API's recommendation requests, and meters that follow the domain events when it has a {@link MeterRegistry} (settlements, refunds, access changes, outbox lag and delivery
 * latency). Tags are low-cardinality only.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = LearnloopAutoConfiguration.class, before = LearnloopRestAutoConfiguration.class)
@ConditionalOnClass(ObservationRegistry.class)
public class LearnloopObservationAutoConfiguration {
    /** Created by Spring. */
    public LearnloopObservationAutoConfiguration() {
    }

    @Bean
    static ObservingPaymentsPostProcessor learnloopObservingPaymentsPostProcessor(
            ObjectProvider<ObservationRegistry> registry) {
        return new ObservingPaymentsPostProcessor(registry);
    }

    /**
     * Observes the access decisions of the facade the starter builds, so that {@code learnloop.access()} itself is
     * observed, not only the {@link AccessService} bean: a decision counts however the host reaches the service.
     *
     * @param registry the registry, if any, looked up when the facade is built
     * @return the customizer
     */
    @Bean
    LearnloopBuilderCustomizer learnloopObservedAccess(ObjectProvider<ObservationRegistry> registry) {
        return builder -> builder.accessDecorator(access -> {
            ObservationRegistry r = registry.getIfAvailable();
            return r == null || r.isNoop() ? access : new ObservedAccess(access, r);
        });
    }

    /**
     * The facade's access service, its decisions observed when there is an observation registry: the facade's own
     * when the starter built it (already observed), else the host's facade's, wrapped here.
     *
     * @param learnloop the facade
     * @param registry  the registry, if any
     * @return the service
     */
    @Bean
    @ConditionalOnBean(Learnloop.class)
    @ConditionalOnMissingBean
    AccessService learnloopAccessService(Learnloop learnloop, ObjectProvider<ObservationRegistry> registry) {
        ObservationRegistry r = registry.getIfAvailable();
        if (r == null || r.isNoop() || learnloop.access() instanceof ObservedAccess) {
            return learnloop.access();
        }
        return new ObservedAccess(learnloop.access(), r);
    }

    /** The HTTP API's recommendation requests, with sdk-rest. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestApi.class)
    static class Rest {
        @Bean
        static ObservingRestApiPostProcessor learnloopObservingRestApiPostProcessor(
                ObjectProvider<ObservationRegistry> registry) {
            return new ObservingRestApiPostProcessor(registry);
        }
    }

    /**
     * The event meters, with micrometer-core. The registry is looked up at the first event, so the order in which
     * Boot's metrics auto-configuration and ours run does not matter; without a registry the meters stay off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Meters {
        @Bean
        @ConditionalOnMissingBean
        EventMetrics learnloopEventMetrics(ObjectProvider<MeterRegistry> registry, Clock clock, OutboxLag lag) {
            return new EventMetrics(registry::getIfUnique, clock, lag);
        }
    }
}
