package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lookup on PostgreSQL probes the aggregates' primary key once per entry it finds, and a range read reads one page from the index entries' primary key in order, even under a generic plan
 * (the plan a statement prepared on the server may get after a few executions, which cannot see how many entries one
 * key holds): the primary key ends with the position, so no plan needs to read a whole key and sort it.
 */
class PostgresRangePlansTest {
    record Ticket(String id, String queue, long number) {
    }

    private static final AggregateType<Ticket> TICKETS = AggregateType.builder("ticket", Ticket.class, Ticket::id)
            .sortedIndex("queue", Ticket::queue, t -> SortKeys.number(t.number()))
            .build();

    @Test
    void findBy_whenPlannedGenerically_probesTheAggregatesPrimaryKeyForEachEntry() throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(Dialect.POSTGRESQL, 2)) {
            JdbcStores.migrate(pool, Dialect.POSTGRESQL);
            StatementCountingDataSource counting = new StatementCountingDataSource(pool);
            JdbcStore store = JdbcStores.open(counting.dataSource(), Dialect.POSTGRESQL);
            TenantId tenant = TenantId.of("plans");
            store.transact(tenant, uow -> {
                for (int i = 0; i < 2_000; i++) {
                    uow.insert(TICKETS, new Ticket("t-" + i, "open", i));
                    uow.insert(NOTES, new Note("n-" + i, "owner-" + (i % 500)));
                }
                return null;
            });
            counting.reset();
            List<Versioned<Note>> owned = store.read(tenant, uow -> uow.findBy(NOTES, "owner", "owner-7"));
            assertThat(owned).hasSize(4);
            String lookup = counting.executions().stream().map(StatementCountingDataSource.Execution::sql)
                    .filter(q -> q.contains("learnloop_index_entry")).findFirst().orElseThrow();
            assertThat(counting.executions()).hasSize(1);

            assertThat(genericPlan(pool, lookup, "plans", "note", "owner", "owner-7")).contains("Nested Loop")
                    .contains("learnloop_aggregate_pk").doesNotContain("Seq Scan");
        }
    }

    @Test
    void findUnique_whenPlannedGenerically_probesBothPrimaryKeysInOneStatement() throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(Dialect.POSTGRESQL, 2)) {
            JdbcStores.migrate(pool, Dialect.POSTGRESQL);
            StatementCountingDataSource counting = new StatementCountingDataSource(pool);
            JdbcStore store = JdbcStores.open(counting.dataSource(), Dialect.POSTGRESQL);
            TenantId tenant = TenantId.of("plans");
            store.transact(tenant, uow -> {
                for (int i = 0; i < 2_000; i++) {
                    uow.insert(NOTES, new Note("n-" + i, "owner-" + (i % 500)));
                }
                return null;
            });
            counting.reset();
            Optional<Versioned<Note>> found = store.read(tenant, uow -> uow.findUnique(NOTES, "slug", "slug-n-42"));
            assertThat(found).map(v -> v.value().id()).contains("n-42");
            assertThat(counting.executions()).hasSize(1);
            String lookup = counting.executions().get(0).sql();

            assertThat(genericPlan(pool, lookup, "plans", "note", "slug", "slug-n-42")).contains("Nested Loop")
                    .contains("learnloop_unique_key_pk").contains("learnloop_aggregate_pk").doesNotContain("Seq Scan");
        }
    }

    record Note(String id, String owner) {
    }

    private static final AggregateType<Note> NOTES = AggregateType.builder("note", Note.class, Note::id)
            .index("owner", Note::owner)
            .unique("slug", note -> "slug-" + note.id())
            .build();

    /**
     * The plan PostgreSQL reuses for a statement after a few executions (a generic plan, blind to the values), with
     * fresh statistics: what a busy host runs, whatever the first executions chose.
     */
    private static String genericPlan(HikariDataSource pool, String sql, String... arguments) throws SQLException {
        String numbered = sql;
        for (int i = 1; numbered.contains("?"); i++) {
            numbered = numbered.replaceFirst("\\?", "\\$" + i);
        }
        StringBuilder plan = new StringBuilder();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE generic(" + String.join(", ", java.util.Collections.nCopies(arguments.length, "text"))
                    + ") AS " + numbered);
            List<String> quoted = java.util.Arrays.stream(arguments).map(a -> "'" + a.replace("'", "''") + "'")
                    .toList();
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE generic(" + String.join(", ", quoted) + ")")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void findRange_whenPlannedGenerically_readsOnePageOfThePrimaryKeyInOrder(boolean descending) throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(Dialect.POSTGRESQL, 2)) {
            JdbcStores.migrate(pool, Dialect.POSTGRESQL);
            StatementCountingDataSource counting = new StatementCountingDataSource(pool);
            JdbcStore store = JdbcStores.open(counting.dataSource(), Dialect.POSTGRESQL);
            TenantId tenant = TenantId.of("plans");
            store.transact(tenant, uow -> {
                // one key holds nearly every entry, the case a generic plan once read whole
                for (int i = 0; i < 2_000; i++) {
                    uow.insert(TICKETS, new Ticket("t-" + i, i % 200 == 0 ? "closed" : "open", i));
                }
                return null;
            });
            counting.reset();
            store.read(tenant, uow -> uow.findRange(TICKETS, "queue", "open",
                    new IndexRange(SortKeys.number(10), null, 5, descending)));
            String range = counting.executions().stream().map(StatementCountingDataSource.Execution::sql)
                    .filter(q -> q.contains("learnloop_index_entry") && q.contains("position_key >"))
                    .findFirst().orElseThrow();

            assertThat(genericPlan(pool, range, "plans", "ticket", "queue", "open", SortKeys.number(10)))
                    .contains("learnloop_index_entry_pk").contains("Limit").doesNotContain("Sort");
        }
    }
}
