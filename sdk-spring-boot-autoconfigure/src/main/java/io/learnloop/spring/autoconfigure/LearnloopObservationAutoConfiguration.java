package io.learnloop.spring.autoconfigure;

import io.learnloop.spring.internal.EventMetrics;
import io.learnloop.spring.internal.ObservingPaymentsPostProcessor;
import io.learnloop.spring.internal.OutboxLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Micrometer: {@code Payments} observed through the Observation API when the host has an {@link ObservationRegistry}
 * (checkouts, notifications by provider and verdict, refunds by state, reconciliations), and meters that follow the
 * domain events when it has a {@link MeterRegistry} (settlements, refunds, access changes, outbox lag and delivery
 * latency). Tags are low-cardinality only.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration
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
