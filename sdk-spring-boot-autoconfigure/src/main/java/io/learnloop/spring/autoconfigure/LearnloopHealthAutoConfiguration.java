package io.learnloop.spring.autoconfigure;

import io.learnloop.jdbc.JdbcStore;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.Payments;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.OutboxHealthIndicator;
import io.learnloop.spring.internal.OutboxLag;
import io.learnloop.spring.internal.ProvidersHealthIndicator;
import io.learnloop.spring.internal.StoreHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * Actuator health indicators, with spring-boot-health on the class path: {@code learnloopStore} (the database is
 * reachable and migrated), {@code learnloopOutbox} (delivery lag under {@code learnloop.health.outbox-lag-threshold})
 * and {@code learnloopPayments} (which providers have credentials configured).
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = {LearnloopAutoConfiguration.class, LearnloopPaymentsAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
public class LearnloopHealthAutoConfiguration {
    /** Created by Spring. */
    public LearnloopHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "learnloopStoreHealthIndicator")
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnBean(JdbcStore.class)
    StoreHealthIndicator learnloopStoreHealthIndicator(JdbcStore store, DataSource dataSource) {
        return new StoreHealthIndicator(store, dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(name = "learnloopOutboxHealthIndicator")
    @ConditionalOnBean(OutboxLag.class)
    OutboxHealthIndicator learnloopOutboxHealthIndicator(OutboxLag lag, CheckedProperties properties) {
        return new OutboxHealthIndicator(lag, properties.get().health().outboxLagThreshold());
    }

    @Bean
    @ConditionalOnMissingBean(name = "learnloopPaymentsHealthIndicator")
    @ConditionalOnBean(Payments.class)
    ProvidersHealthIndicator learnloopPaymentsHealthIndicator(ObjectProvider<PaymentProvider> providers) {
        return new ProvidersHealthIndicator(providers.orderedStream().toList());
    }
}
