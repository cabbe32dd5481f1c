package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.StoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real MariaDB server through MySQL Connector/J, which binds and reads keys, timestamps and
 * isolation levels its own way.
 */
class MysqlConnectorJStoreContractTest extends StoreContract {
    private static HikariDataSource pool;
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        pool = TestDatabases.newMysqlThroughConnectorJ(8);
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
