package io.learnloop.spring.autoconfigure;

import io.learnloop.core.Learnloop;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.core.store.Store;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.spring.LearnloopBuilderCustomizer;
import io.learnloop.spring.LearnloopProperties;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.OutboxLag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The core of the starter: the checked properties, the clock, the store on the application's {@code DataSource}
 * (migrations run or checked per {@code learnloop.store.migration}) and the {@link Learnloop} facade with every
 * {@link EventListener} bean as a listener, the {@link RetentionPolicy} bean, and every {@link RetentionPruner},
 * {@link PersonalDataEraser} and {@link PersonalDataSource} bean registered (see
 * {@link LearnloopPrivacyAutoConfiguration}), adjusted last by every {@link LearnloopBuilderCustomizer} bean.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(LearnloopProperties.class)
public class LearnloopAutoConfiguration {
    /** Created by Spring. */
    public LearnloopAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    CheckedProperties learnloopCheckedProperties(LearnloopProperties properties, Environment environment) {
        return new CheckedProperties(properties, environment);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock learnloopClock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean(Store.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    JdbcStore learnloopStore(DataSource dataSource, Clock clock, CheckedProperties properties) {
        Dialect dialect = Dialect.detect(dataSource);
        if (properties.get().store().migration() == LearnloopProperties.Migration.RUN) {
            JdbcStores.migrate(dataSource, dialect);
        }
        return JdbcStores.open(dataSource, dialect, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxLag learnloopOutboxLag(Clock clock) {
        return new OutboxLag(clock);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Store.class)
    Learnloop learnloop(Store store, Clock clock, CheckedProperties properties, ObjectProvider<EventListener> listeners,
                        ObjectProvider<RetentionPolicy> retention, ObjectProvider<RetentionPruner> pruners,
                        ObjectProvider<PersonalDataEraser> erasers, ObjectProvider<PersonalDataSource> sources,
                        ObjectProvider<LearnloopBuilderCustomizer> customizers) {
        Learnloop.Builder b = Learnloop.builder().store(store).clock(clock);
        String tenant = properties.get().tenant();
        if (tenant != null && !tenant.isBlank()) {
            b.tenant(TenantId.of(tenant));
        }
        listeners.orderedStream().forEach(b::listener);
        retention.ifAvailable(b::retention);
        pruners.orderedStream().forEach(b::retentionPruner);
        erasers.orderedStream().forEach(b::personalDataEraser);
        sources.orderedStream().forEach(b::personalDataSource);
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }
}
