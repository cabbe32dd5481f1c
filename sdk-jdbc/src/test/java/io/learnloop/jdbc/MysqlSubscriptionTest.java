package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.SubscriptionContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Auto-renewing memberships on a real MariaDB server (the MySQL dialect) behind HikariCP. */
class MysqlSubscriptionTest extends SubscriptionContract {
    private static HikariDataSource pool;
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        pool = TestDatabases.newMysql(4);
        JdbcStores.migrate(pool, Dialect.MYSQL);
        store = JdbcStores.open(pool, Dialect.MYSQL);
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
