package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.SubscriptionContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Auto-renewing memberships on an H2 database behind HikariCP. */
class H2SubscriptionTest extends SubscriptionContract {
    private static HikariDataSource pool;
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        pool = TestDatabases.newH2(4);
        JdbcStores.migrate(pool, Dialect.H2);
        store = JdbcStores.open(pool, Dialect.H2);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
            pool.close();
        }
    }

    @Override
    protected Store store() {
        return store;
    }
}
