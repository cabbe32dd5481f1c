package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.jdbc.KeyedRecords.Note;
import io.learnloop.jdbc.KeyedRecords.Payment;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

import static io.learnloop.jdbc.KeyedRecords.NOTES;
import static io.learnloop.jdbc.KeyedRecords.PAYMENTS;
import static io.learnloop.jdbc.KeyedRecords.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Counts what the store sends the database for its writes: no savepoint per write, no read-back of the keys of an
 * aggregate the unit of work already read, one batch for the events of a unit of work; and a failure in the middle of
 * a write that is not a taken key leaves a unit of work that cannot commit.
 */
class WriteRoundTripsTest {

    private HikariDataSource pool;
    private StatementCountingDataSource counting;
    private JdbcStore store;

    private void open(Dialect dialect) {
        pool = TestDatabases.newDatabase(dialect, 2);
        JdbcStores.migrate(pool, dialect);
        counting = new StatementCountingDataSource(pool);
        store = JdbcStores.open(counting.dataSource(), dialect);
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
    void insert_whenTypeHasUniqueKeysAndIndexes_setsNoSavepoint(Dialect dialect) {
        open(dialect);

        store.transact(TENANT, uow -> uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1")));

        assertThat(counting.savepoints()).isZero();
        assertThat(counting.executions()).extracting(StatementCountingDataSource.Execution::sql)
                .noneMatch(sql -> sql.toUpperCase(java.util.Locale.ROOT).contains("SAVEPOINT"));
        assertThat(unique("reference", "ref-1")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void update_whenAggregateReadInSameUnitOfWork_readsNoKeysBack(Dialect dialect) {
        open(dialect);
        store.transact(TENANT, uow -> uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1")));
        counting.reset();

        store.transact(TENANT, uow -> {
            Versioned<Payment> read = uow.get(PAYMENTS, "pay-1");
            return uow.update(PAYMENTS, read.value().withLearner("bob").withReference("ref-2"), read.version());
        });

        assertThat(counting.executions()).noneMatch(e -> e.reads("learnloop_index_entry"))
                .noneMatch(e -> e.reads("learnloop_unique_key"));
        assertThat(counting.savepoints()).isZero();
        assertThat(by("byLearner", "bob")).hasSize(1);
        assertThat(by("byLearner", "ann")).isEmpty();
        assertThat(unique("reference", "ref-1")).isEmpty();
        assertThat(unique("reference", "ref-2")).isPresent();
        assertThat(unique("idempotency", "pay:order-1")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void update_whenManyAggregatesReadSince_stillMovesTheKeys(Dialect dialect) {
        open(dialect);
        store.transact(TENANT, uow -> {
            IntStream.range(0, 300).forEach(i -> uow.insert(NOTES, new Note("n" + i, "x")));
            return uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1"));
        });

        store.transact(TENANT, uow -> {
            Versioned<Payment> read = uow.get(PAYMENTS, "pay-1");
            IntStream.range(0, 300).forEach(i -> uow.update(NOTES, new Note("n" + i, "y"), 1));
            return uow.update(PAYMENTS, read.value().withLearner("bob").withReference("ref-2"), read.version());
        });

        assertThat(by("byLearner", "bob")).hasSize(1);
        assertThat(by("byLearner", "ann")).isEmpty();
        assertThat(unique("reference", "ref-1")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void publish_whenSeveralEvents_writesThemInOneBatch(Dialect dialect) {
        open(dialect);

        store.transact(TENANT, uow -> {
            IntStream.range(0, 5).forEach(i -> uow.publish(event("e" + i)));
            uow.publish(event("e0"));
            return null;
        });

        assertThat(counting.executions()).filteredOn(e -> e.sql().contains("learnloop_outbox"))
                .extracting(StatementCountingDataSource.Execution::method).containsExactly("executeBatch");
        assertThat(store.claimOutbox(TENANT, "relay", 10, Instant.EPOCH, Duration.ofSeconds(30)))
                .extracting(DomainEvent::id).containsExactly("e0", "e1", "e2", "e3", "e4");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void publish_whenEventIdAlreadyInTheOutbox_keepsTheFirstAndTheRestOfTheBatch(Dialect dialect) {
        open(dialect);
        store.transact(TENANT, uow -> {
            uow.publish(event("e1"));
            return null;
        });

        store.transact(TENANT, uow -> {
            uow.publish(event("e0"));
            uow.publish(new DomainEvent("e1", TENANT, "other.type", "agg", Instant.EPOCH, Map.of()));
            uow.publish(event("e2"));
            return null;
        });

        assertThat(store.claimOutbox(TENANT, "relay", 10, Instant.EPOCH, Duration.ofSeconds(30)))
                .extracting(DomainEvent::id, DomainEvent::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", "test.happened"),
                        org.assertj.core.groups.Tuple.tuple("e0", "test.happened"),
                        org.assertj.core.groups.Tuple.tuple("e2", "test.happened"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insert_whenAStatementFailsMidWriteAndWorkCatchesIt_commitsNothing(Dialect dialect) {
        open(dialect);
        counting.failWhen(sql -> sql.startsWith("INSERT INTO learnloop_index_entry"));

        assertThatThrownBy(() -> store.transact(TENANT, uow -> {
            uow.insert(NOTES, new Note("before", "x"));
            try {
                uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1"));
            } catch (LearnloopException e) {
                // the work goes on, but the half-written payment must never be committed
            }
            return uow.insert(NOTES, new Note("after", "x"));
        })).isInstanceOf(LearnloopException.class);

        counting.failWhen(sql -> false);
        assertThat(count(NOTES)).isZero();
        assertThat(count(PAYMENTS)).isZero();
        assertThat(unique("reference", "ref-1")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transact_whenSeveralAggregatesWritten_writesTheirIndexEntriesInOneBatch(Dialect dialect) {
        open(dialect);
        store.transact(TENANT, uow -> uow.insert(PAYMENTS, new Payment("pay-0", "order-0", "ann", 100, "ref-0")));
        counting.reset();

        store.transact(TENANT, uow -> {
            uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1"));
            uow.insert(PAYMENTS, new Payment("pay-2", "order-2", "bob", 2_000, "ref-2"));
            Versioned<Payment> moved = uow.get(PAYMENTS, "pay-0");
            return uow.update(PAYMENTS, moved.value().withLearner("cy"), moved.version());
        });

        assertThat(counting.executions()).filteredOn(e -> e.sql().startsWith("INSERT INTO learnloop_index_entry"))
                .extracting(StatementCountingDataSource.Execution::method).containsExactly("executeBatch");
        assertThat(counting.executions()).filteredOn(e -> e.sql().startsWith("DELETE FROM learnloop_index_entry"))
                .extracting(StatementCountingDataSource.Execution::method).containsExactly("executeBatch");
        assertThat(by("byLearner", "ann")).extracting(v -> v.value().id()).containsExactly("pay-1");
        assertThat(by("byLearner", "cy")).extracting(v -> v.value().id()).containsExactly("pay-0");
        assertThat(by("order", "order-2")).extracting(v -> v.value().id()).containsExactly("pay-2");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void findBy_whenTheUnitOfWorkWroteEntriesOfTheKey_seesThem(Dialect dialect) {
        open(dialect);

        java.util.List<String> seen = store.transact(TENANT, uow -> {
            uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1"));
            Versioned<Payment> p = uow.get(PAYMENTS, "pay-1");
            uow.update(PAYMENTS, p.value().withLearner("bob"), p.version());
            uow.insert(PAYMENTS, new Payment("pay-2", "order-2", "ann", 10, "ref-2"));
            return java.util.List.of(ids(uow.findBy(PAYMENTS, "byLearner", "ann")),
                    ids(uow.findBy(PAYMENTS, "byLearner", "bob")), ids(uow.findBy(PAYMENTS, "order", "order-1")));
        });

        assertThat(seen).containsExactly("pay-2", "pay-1", "pay-1");
        assertThat(by("byLearner", "bob")).extracting(v -> v.value().id()).containsExactly("pay-1");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void get_whenTheUnitOfWorkWroteTheAggregate_readsNothing(Dialect dialect) {
        open(dialect);
        counting.reset();

        Versioned<Payment> read = store.transact(TENANT, uow -> {
            uow.insert(PAYMENTS, new Payment("pay-1", "order-1", "ann", 4_999, "ref-1"));
            Versioned<Payment> p = uow.get(PAYMENTS, "pay-1");
            uow.update(PAYMENTS, p.value().withLearner("bob"), p.version());
            return uow.get(PAYMENTS, "pay-1");
        });

        assertThat(read).isEqualTo(new Versioned<>(new Payment("pay-1", "order-1", "bob", 4_999, "ref-1"), 2));
        assertThat(counting.executions()).noneMatch(e -> e.sql().startsWith("SELECT")
                && e.reads("learnloop_aggregate"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void claimOutbox_onPostgres_claimsInOneStatement(Dialect dialect) {
        open(dialect);
        store.transact(TENANT, uow -> {
            IntStream.range(0, 3).forEach(i -> uow.publish(event("e" + i)));
            return null;
        });
        counting.reset();

        java.util.List<DomainEvent> claimed = store.claimOutbox(TENANT, "relay", 10, Instant.EPOCH,
                Duration.ofSeconds(30));
        store.markDelivered(TENANT, claimed.stream().map(DomainEvent::id).toList(), Instant.EPOCH);

        assertThat(claimed).extracting(DomainEvent::id).containsExactly("e0", "e1", "e2");
        assertThat(store.claimOutbox(TENANT, "other", 10, Instant.EPOCH.plusSeconds(60), Duration.ofSeconds(30)))
                .isEmpty();
        if (dialect == Dialect.POSTGRESQL) {
            assertThat(counting.executions()).hasSize(3); // claim, mark, and the second claim
        }
    }

    private static String ids(java.util.List<Versioned<Payment>> rows) {
        return String.join(",", rows.stream().map(v -> v.value().id()).toList());
    }

    private static DomainEvent event(String id) {
        return new DomainEvent(id, TENANT, "test.happened", "agg-" + id, Instant.EPOCH, Map.of("n", id));
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
