package io.learnloop.examples.privacy;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterEach;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The every-module erasure test on a relational database, with a scan of every row of every table. */
abstract class JdbcEveryModuleErasureTest extends EveryModuleErasureContract {
    private final Map<Store, HikariDataSource> databases = new IdentityHashMap<>();

    /**
     * A new, empty database.
     *
     * @return its pool
     */
    protected abstract HikariDataSource newDatabase();

    /**
     * The database's dialect.
     *
     * @return the dialect
     */
    protected abstract Dialect dialect();

    @Override
    protected Store newStore() {
        HikariDataSource pool = newDatabase();
        JdbcStores.migrate(pool, dialect());
        Store store = JdbcStores.open(pool, dialect());
        databases.put(store, pool);
        return store;
    }

    @Override
    protected List<String> contents(Store store) {
        return TableScan.rows(databases.get(store));
    }

    @AfterEach
    void closeDatabases() {
        databases.values().forEach(HikariDataSource::close);
    }
}
