package io.learnloop.spring.autoconfigure;

import io.learnloop.spring.internal.EventMetrics;
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
 * (checkouts, notifications by provider and verdict, refunds by state, reconciliations), and meters that follow the
 * domain events when it has a {@link MeterRegistry} (settlements, refunds, access changes, outbox lag and delivery
 * latency). Tags are low-cardinality only.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
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

    /** The event meters, with micrometer-core and a meter registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Meters {
        @Bean
        @ConditionalOnMissingBean
        EventMetrics learnloopEventMetrics(MeterRegistry registry, Clock clock, OutboxLag lag) {
            return new EventMetrics(registry, clock, lag);
        }
    }
}
