package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.CounterKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Looks at the tables themselves: an exception inside a unit of work leaves no row in any of them. */
class RollbackRowsTest {
    record Payment(String id, String orderId, long amountMinor, String currency) {
    }

    private static final AggregateType<Payment> PAYMENTS = AggregateType
            .builder("payment", Payment.class, Payment::id)
            .index("order", Payment::orderId)
            .unique("idempotency", p -> "pay:" + p.orderId())
            .build();
    private static final List<String> TABLES = List.of("learnloop_aggregate", "learnloop_index_entry",
            "learnloop_unique_key", "learnloop_outbox", "learnloop_counter");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transact_whenWorkThrowsAfterWriting_leavesNoRowInAnyTable(Dialect dialect) throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(dialect, 2)) {
            JdbcStores.migrate(pool, dialect);
            JdbcStore store = JdbcStores.open(pool, dialect);
            TenantId tenant = TenantId.of("shop");

            assertThatThrownBy(() -> store.transact(tenant, uow -> {
                uow.insert(PAYMENTS, new Payment("pay-1", "order-1", 4_999, "EUR"));
                uow.publish(new DomainEvent("evt-1", tenant, "order.paid", "order-1", Instant.EPOCH, Map.of()));
                uow.add(new CounterKey("paid", "EUR", "00"), 4_999);
                throw new IllegalStateException("provider said no after we wrote");
            })).isInstanceOf(IllegalStateException.class);

            for (String table : TABLES) {
                assertThat(rows(pool, table)).as(table).isZero();
            }
            store.transact(tenant, uow -> uow.insert(PAYMENTS, new Payment("pay-1", "order-1", 4_999, "EUR")));
            assertThat(rows(pool, "learnloop_aggregate")).isEqualTo(1);
            assertThat(rows(pool, "learnloop_unique_key")).isEqualTo(1);
            assertThat(rows(pool, "learnloop_index_entry")).isEqualTo(1);
            assertThat(body(pool)).contains("\"amountMinor\"").contains("4999").doesNotContain("49.99");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transact_whenACounterAdditionFailsAtCommit_keepsNothingOfTheWork(Dialect dialect) throws SQLException {
        try (HikariDataSource pool = TestDatabases.newDatabase(dialect, 2)) {
            JdbcStores.migrate(pool, dialect);
            JdbcStore store = JdbcStores.open(pool, dialect);
            TenantId tenant = TenantId.of("shop");
            store.transact(tenant, uow -> {
                uow.add(new CounterKey("paid", "EUR", "00"), 1);
                return null;
            });

            // the sum leaves bigint's range only in the database, at commit, after the row went in
            assertThatThrownBy(() -> store.transact(tenant, uow -> {
                uow.insert(PAYMENTS, new Payment("pay-1", "order-1", 4_999, "EUR"));
                uow.add(new CounterKey("paid", "EUR", "00"), Long.MAX_VALUE);
                return null;
            })).isInstanceOf(io.learnloop.core.error.LearnloopException.class);

            assertThat(rows(pool, "learnloop_aggregate")).isZero();
            assertThat(rows(pool, "learnloop_index_entry")).isZero();
            List<io.learnloop.core.store.Counter> paid = store.read(tenant, uow -> uow.counters("paid", "EUR", null, 10));
            assertThat(paid).containsExactly(new io.learnloop.core.store.Counter("00", 1));
        }
    }

    private static long rows(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String body(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM learnloop_aggregate");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
