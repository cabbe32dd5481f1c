package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.jdbc.KeyedRecords.Note;
import io.learnloop.jdbc.KeyedRecords.Payment;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.learnloop.jdbc.KeyedRecords.NOTES;
import static io.learnloop.jdbc.KeyedRecords.PAYMENTS;
import static io.learnloop.jdbc.KeyedRecords.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write that finds a taken key after part of it went in, caught by the work, which goes on and commits: the tables
 * themselves hold nothing of the failed write (row, unique keys, index entries) and all of the rest of the work.
 */
class DuplicateKeyCompensationTest {
    private static final Payment FIRST = new Payment("pay-1", "order-1", "ann", 100, "ref-1");

    private HikariDataSource pool;
    private JdbcStore store;

    private void open(Dialect dialect) {
        pool = TestDatabases.newDatabase(dialect, 2);
        JdbcStores.migrate(pool, dialect);
        store = JdbcStores.open(pool, dialect);
        store.transact(TENANT, uow -> uow.insert(PAYMENTS, FIRST));
    }

    @AfterEach
    void close() {
        if (pool != null) {
            store.close();
            pool.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insert_whenSecondUniqueKeyTakenAndCaught_leavesNothingOfTheFailedInsert(Dialect dialect) throws SQLException {
        open(dialect);
        List<String> before = keyRows();

        String outcome = store.transact(TENANT, uow -> recover(uow, () ->
                uow.insert(PAYMENTS, new Payment("pay-2", "order-2", "bob", 200, "ref-1"))));

        assertThat(outcome).isEqualTo("recovered");
        assertOnlyFirstAndNote(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insert_whenIdTakenAndCaught_leavesNothingOfTheFailedInsertAndKeepsTheFirst(Dialect dialect)
            throws SQLException {
        open(dialect);
        List<String> before = keyRows();

        String outcome = store.transact(TENANT, uow -> recover(uow, () ->
                uow.insert(PAYMENTS, new Payment("pay-1", "order-2", "bob", 200, "ref-2"))));

        assertThat(outcome).isEqualTo("recovered");
        assertOnlyFirstAndNote(before);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void update_whenSecondNewUniqueKeyTakenAndCaught_leavesTheAggregateAndItsKeysUnchanged(Dialect dialect)
            throws SQLException {
        open(dialect);
        store.transact(TENANT, uow -> uow.insert(PAYMENTS, new Payment("pay-2", "order-2", "bob", 200, "ref-2")));
        List<String> before = keyRows();

        String outcome = store.transact(TENANT, uow -> {
            Versioned<Payment> read = uow.get(PAYMENTS, "pay-2");
            // a new idempotency key that is free, then a reference that pay-1 holds
            return recover(uow, () -> uow.update(PAYMENTS,
                    new Payment("pay-2", "order-3", "carol", 300, "ref-1"), read.version()));
        });

        assertThat(outcome).isEqualTo("recovered");
        assertThat(keyRows()).isEqualTo(before);
        assertThat(payment("pay-2"))
                .isEqualTo(new Versioned<>(new Payment("pay-2", "order-2", "bob", 200, "ref-2"), 1));
        assertThat(note("n")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void update_whenVersionWentStaleAndCaught_leavesNoNewKeyBehind(Dialect dialect) throws SQLException {
        open(dialect);

        String outcome = store.transact(TENANT, uow -> {
            Versioned<Payment> read = uow.get(PAYMENTS, "pay-1");
            // another transaction moves the payment on after this one read it
            store.transact(TENANT, other -> other.update(PAYMENTS,
                    new Payment("pay-1", "order-1", "ann", 150, "ref-1"), 1));
            try {
                uow.update(PAYMENTS, new Payment("pay-1", "order-1", "dan", 400, "ref-9"), read.version());
                return "updated";
            } catch (ConflictException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
                uow.insert(NOTES, new Note("n", "recovered"));
                return "recovered";
            }
        });

        assertThat(outcome).isEqualTo("recovered");
        assertThat(unique("reference", "ref-9")).isEmpty();
        assertThat(by("byLearner", "dan")).isEmpty();
        assertThat(payment("pay-1").version()).isEqualTo(2);
        assertThat(note("n")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transact_whenDuplicateEscapesWork_keepsNothingOfTheWork(Dialect dialect) throws SQLException {
        open(dialect);
        List<String> before = keyRows();

        assertThatThrownBy(() -> store.transact(TENANT, uow -> {
            uow.insert(NOTES, new Note("n", "x"));
            return uow.insert(PAYMENTS, new Payment("pay-2", "order-2", "bob", 200, "ref-1"));
        })).isInstanceOf(ConflictException.class);

        assertThat(keyRows()).isEqualTo(before);
        assertThat(rows("SELECT id FROM learnloop_aggregate ORDER BY id")).containsExactly("pay-1");
    }

    private static String recover(io.learnloop.core.store.UnitOfWork uow, Runnable write) {
        try {
            write.run();
            return "written";
        } catch (ConflictException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
            uow.insert(NOTES, new Note("n", "recovered"));
            return "recovered";
        }
    }

    private void assertOnlyFirstAndNote(List<String> keysBefore) throws SQLException {
        assertThat(rows("SELECT id FROM learnloop_aggregate ORDER BY id")).containsExactly("n", "pay-1");
        assertThat(keyRows()).isEqualTo(keysBefore);
        assertThat(payment("pay-1")).isEqualTo(new Versioned<>(FIRST, 1));
    }

    /** Every unique key and index entry, as text, in a stable order. */
    private List<String> keyRows() throws SQLException {
        List<String> all = new ArrayList<>(rows("SELECT CONCAT(CONCAT(CONCAT(CONCAT(key_name, '='), key_value), '>'), id) "
                + "FROM learnloop_unique_key ORDER BY key_name, key_value"));
        all.addAll(rows("SELECT CONCAT(CONCAT(CONCAT(CONCAT(index_name, '='), index_key), '>'), position_key) "
                + "FROM learnloop_index_entry ORDER BY index_name, index_key, position_key"));
        assertThat(all).isNotEmpty();
        return all;
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(query);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private java.util.Optional<Versioned<Payment>> unique(String name, String key) {
        return new KeyedRecords(store).unique(name, key);
    }

    private java.util.List<Versioned<Payment>> by(String index, String key) {
        return new KeyedRecords(store).by(index, key);
    }

    private Versioned<Payment> payment(String id) {
        return new KeyedRecords(store).payment(id);
    }

    private java.util.Optional<Versioned<Note>> note(String id) {
        return new KeyedRecords(store).note(id);
    }

    private long count(AggregateType<?> type) {
        return new KeyedRecords(store).count(type);
    }
}
