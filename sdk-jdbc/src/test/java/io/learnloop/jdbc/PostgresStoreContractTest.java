package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.StoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL server behind HikariCP. */
class PostgresStoreContractTest extends StoreContract {
    private static HikariDataSource pool;
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        pool = TestDatabases.newPostgres(8);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
        store = JdbcStores.open(pool, Dialect.POSTGRESQL);
    }

    @AfterAll
    static void close() {
        store.close();
        pool.close();
    }

    @Override
    protected Store store() {
        return store;
    }
}
