package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.ErasureContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The erasure acceptance test on H2, with a scan of every row of every table. */
class H2ErasureTest extends ErasureContract {
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final java.util.Map<Store, HikariDataSource> databases = new java.util.IdentityHashMap<>();

    @Override
    protected Store newStore() {
        HikariDataSource pool = TestDatabases.newH2(4);
        pools.add(pool);
        JdbcStores.migrate(pool, Dialect.H2);
        JdbcStore store = JdbcStores.open(pool, Dialect.H2);
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
