package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import io.learnloop.jdbc.internal.Migrations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by the store before version 6 (index entries with an id and a sort key beside it, owner indexes)
 * is upgraded in place: after {@code migrate} every lookup, range, unique key, update and delete works on the rows
 * it held, and the index entries the payment module no longer writes are gone.
 */
class CompactKeysMigrationTest {
    record Ticket(String id, String queue, long number) {
    }

    record Item(String id, String owner, String sku) {
    }

    private static final AggregateType<Ticket> TICKETS = AggregateType.builder("ticket", Ticket.class, Ticket::id)
            .sortedIndex("queue", Ticket::queue, t -> SortKeys.number(t.number()))
            .build();
    private static final AggregateType<Item> ITEMS = AggregateType.builder("item", Item.class, Item::id)
            .index("owner", Item::owner)
            .unique("sku", Item::sku)
            .build();
    private static final TenantId TENANT = TenantId.of("upgraded");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migrate_whenVersion5HoldsData_keepsEveryKeyReadableAndWritable(Dialect dialect) throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(dialect, 2)) {
            Migrations.migrate(pool, dialect, "5");
            try (Connection c = pool.getConnection()) {
                for (int i = 1; i <= 3; i++) {
                    String id = "t-" + i;
                    aggregate(c, dialect, "ticket", id, "{\"id\":\"" + id + "\",\"queue\":\"open\",\"number\":" + i + "}");
                    entry(c, "ticket", "queue", "open", id, SortKeys.number(i) + SortKeys.SEPARATOR + id);
                }
                aggregate(c, dialect, "item", "i-1", "{\"id\":\"i-1\",\"owner\":\"ann\",\"sku\":\"SKU-1\"}");
                entry(c, "item", "owner", "ann", "i-1", null);
                // an entry an earlier definition of the index wrote, whose key the document no longer holds
                entry(c, "item", "owner", "zoe", "i-1", null);
                unique(c, "item", "sku", "SKU-1", "i-1");
                entry(c, "payment_attempt", "state", "PAID", "sandbox:a-1", "0" + SortKeys.SEPARATOR + "sandbox:a-1");
                entry(c, "payment_attempt", "state", "PENDING", "sandbox:a-2", "0" + SortKeys.SEPARATOR + "sandbox:a-2");
                entry(c, "payment_notification", "disposition", "SETTLED", "sandbox:e-1",
                        "0" + SortKeys.SEPARATOR + "sandbox:e-1");
            }

            JdbcStores.migrate(pool, dialect);
            JdbcStore store = JdbcStores.open(pool, dialect);

            assertThat(ids(store.read(TENANT, uow -> uow.findRange(TICKETS, "queue", "open", IndexRange.last(2)))))
                    .containsExactly("t-3", "t-2");
            assertThat(ids(store.read(TENANT, uow -> uow.findBy(ITEMS, "owner", "ann")))).containsExactly("i-1");
            assertThat(skuTaken(store, "SKU-1")).isTrue();
            assertThat(owned(store, "zoe")).isEmpty();

            store.transact(TENANT, uow -> uow.update(ITEMS, new Item("i-1", "bob", "SKU-2"), 1));
            store.transact(TENANT, uow -> {
                uow.delete(TICKETS, "t-2", 1);
                return null;
            });

            assertThat(owned(store, "ann")).isEmpty();
            assertThat(ids(store.read(TENANT, uow -> uow.findBy(ITEMS, "owner", "bob")))).containsExactly("i-1");
            assertThat(skuTaken(store, "SKU-1")).isFalse();
            assertThat(ids(store.read(TENANT, uow -> uow.findRange(TICKETS, "queue", "open", IndexRange.first(5)))))
                    .containsExactly("t-1", "t-3");
            assertThat(rows(pool, "SELECT index_name, index_key FROM learnloop_index_entry ORDER BY 1, 2"))
                    .containsExactly("owner=bob", "owner=zoe", "queue=open", "queue=open", "state=PENDING");
            assertThat(rows(pool, "SELECT key_name, key_value FROM learnloop_unique_key")).containsExactly("sku=SKU-2");
            store.close();
        }
    }

    private static List<String> owned(JdbcStore store, String owner) {
        return ids(store.read(TENANT, uow -> uow.findBy(ITEMS, "owner", owner)));
    }

    private static boolean skuTaken(JdbcStore store, String sku) {
        return store.read(TENANT, uow -> uow.findUnique(ITEMS, "sku", sku)).isPresent();
    }

    private static List<String> ids(List<? extends Versioned<?>> rows) {
        return rows.stream().map(v -> v.value() instanceof Ticket t ? t.id() : ((Item) v.value()).id()).toList();
    }

    private static void aggregate(Connection c, Dialect dialect, String type, String id, String body)
            throws SQLException {
        String json = dialect == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO learnloop_aggregate "
                + "(tenant, type, id, version, body, created_at, updated_at) VALUES (?, ?, ?, 1, " + json + ", ?, ?)")) {
            ps.setString(1, TENANT.value());
            ps.setString(2, type);
            ps.setString(3, id);
            ps.setString(4, body);
            Object at = dialect == Dialect.MYSQL ? LocalDateTime.of(2026, 1, 1, 0, 0).toString().replace('T', ' ')
                    : OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            ps.setObject(5, at);
            ps.setObject(6, at);
            ps.executeUpdate();
        }
    }

    private static void entry(Connection c, String type, String index, String key, String id, String sortKey)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO learnloop_index_entry "
                + "(tenant, type, index_name, index_key, id, sort_key) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, TENANT.value());
            ps.setString(2, type);
            ps.setString(3, index);
            ps.setString(4, key);
            ps.setString(5, id);
            ps.setString(6, sortKey);
            ps.executeUpdate();
        }
    }

    private static void unique(Connection c, String type, String name, String key, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO learnloop_unique_key "
                + "(tenant, type, key_name, key_value, id) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, TENANT.value());
            ps.setString(2, type);
            ps.setString(3, name);
            ps.setString(4, key);
            ps.setString(5, id);
            ps.executeUpdate();
        }
    }

    private static List<String> rows(HikariDataSource pool, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }
}
