package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Range reads on PostgreSQL are planned for their own values each time: a statement prepared on the server may be
 * given a generic plan that walks every entry of a large index key and sorts it, instead of reading one page.
 */
class PostgresRangePlansTest {
    record Ticket(String id, String queue, long number) {
    }

    private static final AggregateType<Ticket> TICKETS = AggregateType.builder("ticket", Ticket.class, Ticket::id)
            .sortedIndex("queue", Ticket::queue, t -> SortKeys.number(t.number()))
            .build();

    @Test
    void findRange_whenRepeatedOnPostgres_isNeverPreparedOnTheServer() throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(Dialect.POSTGRESQL, 3);
             Connection session = pool.getConnection()) {
            JdbcStores.migrate(pool, Dialect.POSTGRESQL);
            // the store works on one session, so the statements it leaves prepared there can be listed afterwards
            JdbcStore store = JdbcStores.open(oneSession(session), Dialect.POSTGRESQL);
            TenantId tenant = TenantId.of("plans");
            store.transact(tenant, uow -> {
                for (int i = 0; i < 60; i++) {
                    uow.insert(TICKETS, new Ticket("t-" + i, "open", i));
                }
                return null;
            });
            for (int i = 0; i < 12; i++) {
                List<?> page = store.read(tenant, uow -> uow.findRange(TICKETS, "queue", "open", IndexRange.last(5)));
                assertThat(page).hasSize(5);
            }
            try (PreparedStatement ps = session.prepareStatement("SELECT count(*) FROM pg_prepared_statements "
                         + "WHERE statement LIKE '%learnloop_index_entry%sort_key >%' "
                         + "OR statement LIKE '%learnloop_index_entry%ORDER BY index_name DESC%'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    /** A data source that hands out one connection, which its users' close() leaves open. */
    private static javax.sql.DataSource oneSession(Connection connection) {
        Connection kept = (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                javax.sql.DataSource.class.getClassLoader(), new Class<?>[]{javax.sql.DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
