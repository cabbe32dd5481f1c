package io.learnloop.lms;

import io.learnloop.core.store.Store;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.jdbc.TestDatabases;

import javax.sql.DataSource;
import java.util.IdentityHashMap;
import java.util.Map;

/** The LTI tool's records on a real PostgreSQL server (embedded) behind HikariCP, a fresh database per test. */
class PostgresLtiToolStoreTest extends LtiToolStoreContract {
    private final Map<Store, DataSource> pools = new IdentityHashMap<>();

    @Override
    protected Store newStore() {
        DataSource pool = TestDatabases.freshDatabase(Dialect.POSTGRESQL, 8);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
        JdbcStore store = JdbcStores.open(pool, Dialect.POSTGRESQL);
        pools.put(store, pool);
        return store;
    }

    @Override
    protected void close(Store store) {
        ((JdbcStore) store).close();
        TestDatabases.close(pools.remove(store));
    }
}
