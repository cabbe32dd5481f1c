package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.PracticeContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Practice with peer review on a real PostgreSQL server behind HikariCP. */
class PostgresPracticeTest extends PracticeContract {
    private static HikariDataSource pool;
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        pool = TestDatabases.newPostgres(4);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
        store = JdbcStores.open(pool, Dialect.POSTGRESQL);
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
