package io.learnloop.lms;

import io.learnloop.core.store.Store;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.jdbc.TestDatabases;

import javax.sql.DataSource;
import java.util.IdentityHashMap;
import java.util.Map;

/** The LTI tool's records on a real MariaDB server (the MySQL dialect) behind HikariCP, a fresh database per test. */
class MysqlLtiToolStoreTest extends LtiToolStoreContract {
    private final Map<Store, DataSource> pools = new IdentityHashMap<>();

    @Override
    protected Store newStore() {
        DataSource pool = TestDatabases.freshDatabase(Dialect.MYSQL, 8);
        JdbcStores.migrate(pool, Dialect.MYSQL);
        JdbcStore store = JdbcStores.open(pool, Dialect.MYSQL);
        pools.put(store, pool);
        return store;
    }

    @Override
    protected void close(Store store) {
        ((JdbcStore) store).close();
        TestDatabases.close(pools.remove(store));
    }
}
