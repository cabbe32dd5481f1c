package io.learnloop.spring.internal;

import io.learnloop.core.error.LearnloopException;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import javax.sql.DataSource;

/**
 * Whether the store's database is reachable and its schema is the one this SDK version needs: the check
 * {@link JdbcStores#open} makes before it opens a store (it never migrates).
 *
 * <p>Thread-safe.
 */
public final class StoreHealthIndicator implements HealthIndicator {
    private final JdbcStore store;
    private final DataSource dataSource;

    /**
     * Creates the indicator.
     *
     * @param store      the store
     * @param dataSource its data source
     */
    public StoreHealthIndicator(JdbcStore store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        try (JdbcStore checked = JdbcStores.open(dataSource, store.dialect())) {
            return Health.up().withDetail("dialect", checked.dialect().name()).withDetail("schema", "current").build();
        } catch (LearnloopException e) {
            // the SDK's messages name the problem and never hold credentials
            return Health.down().withDetail("dialect", store.dialect().name()).withDetail("code", e.code().name())
                    .withDetail("error", e.getMessage()).build();
        }
    }
}
