package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of a sorted index on H2 is read from the index in order, both ways, and not by reading every entry of the
 * key and sorting them: the statement the store sends is planned "index sorted".
 */
class H2RangePlansTest {
    record Ticket(String id, String queue, long number) {
    }

    private static final AggregateType<Ticket> TICKETS = AggregateType.builder("ticket", Ticket.class, Ticket::id)
            .sortedIndex("queue", Ticket::queue, t -> SortKeys.number(t.number()))
            .build();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void findRange_whenReadOnH2_walksTheSortedIndexInOrder(boolean descending) throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(Dialect.H2, 2)) {
            JdbcStores.migrate(pool, Dialect.H2);
            StatementCountingDataSource counting = new StatementCountingDataSource(pool);
            JdbcStore store = JdbcStores.open(counting.dataSource(), Dialect.H2);
            TenantId tenant = TenantId.of("plans");
            store.transact(tenant, uow -> {
                for (int i = 0; i < 30; i++) {
                    uow.insert(TICKETS, new Ticket("t-" + i, "open", i));
                }
                return null;
            });
            counting.reset();
            store.read(tenant, uow -> uow.findRange(TICKETS, "queue", "open",
                    new IndexRange(null, null, 5, descending)));
            String range = counting.executions().stream().map(StatementCountingDataSource.Execution::sql)
                    .filter(q -> q.contains("learnloop_index_entry") && q.contains("ORDER BY tenant"))
                    .findFirst().orElseThrow();

            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + range)) {
                ps.setString(1, tenant.value());
                ps.setString(2, "ticket");
                ps.setString(3, "queue");
                ps.setString(4, "open");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).contains("index sorted");
                }
            }
        }
    }
}
