package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two host instances (two pools, two stores, two {@link Learnloop} facades) over one PostgreSQL or MariaDB database.
 */
class TwoInstancesTest {
    /** A course seat counter that both instances change. */
    record Seats(String id, int taken) {
    }

    private static final AggregateType<Seats> SEATS = AggregateType.builder("seats", Seats.class, Seats::id).build();
    private static final TenantId TENANT = TenantId.of("school");

    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private JdbcStore storeA;
    private JdbcStore storeB;

    private void open(Dialect dialect) {
        poolA = TestDatabases.newDatabase(dialect, 4);
        JdbcStores.migrate(poolA, dialect);
        poolB = TestDatabases.hikari(poolA.getJdbcUrl(), poolA.getUsername(), poolA.getPassword(), 4);
        storeA = JdbcStores.open(poolA, dialect);
        storeB = JdbcStores.open(poolB, dialect);
    }

    @AfterEach
    void close() {
        for (AutoCloseable c : new AutoCloseable[]{storeA, storeB, poolA, poolB}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL"})
    void transact_whenTwoInstancesShareADatabase_eachSeesTheOthersWrites(Dialect dialect) {
        open(dialect);
        storeA.transact(TENANT, uow -> uow.insert(SEATS, new Seats("java-101", 0)));

        Versioned<Seats> seenByB = storeB.read(TENANT, uow -> uow.get(SEATS, "java-101"));
        storeB.transact(TENANT, uow -> uow.update(SEATS, new Seats("java-101", 1), seenByB.version()));
        Versioned<Seats> seenByA = storeA.read(TENANT, uow -> uow.get(SEATS, "java-101"));

        assertThat(seenByA).isEqualTo(new Versioned<>(new Seats("java-101", 1), 2));
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL"})
    void relays_whenTwoInstancesPublishAndDeliverConcurrently_deliverEveryEventExactlyOnce(Dialect dialect)
            throws Exception {
        open(dialect);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        Learnloop a = instance(storeA, "a", deliveries, byA);
        Learnloop b = instance(storeB, "b", deliveries, byB);
        int perThread = 50;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                ServiceContext ctx = (t % 2 == 0 ? a : b).context();
                done.add(threads.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        ctx.transact(uow -> {
                            uow.publish(ctx.event("seat.taken", "java-101", Map.of()));
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        // Anything still pending (published while the other instance's relay was busy) is delivered now.
        while (a.deliverEvents() + b.deliverEvents() > 0) {
            Thread.onSpinWait();
        }

        assertThat(deliveries).hasSize(4 * perThread);
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(byA.get() + byB.get()).isEqualTo(4 * perThread);
        assertThat(storeA.claimOutbox(TENANT, "late", 10, Instant.now().plus(Duration.ofDays(1)), Duration.ofMinutes(1)))
                .isEmpty();
    }

    private static Learnloop instance(JdbcStore store, String name, Map<String, AtomicInteger> deliveries,
                                      AtomicInteger count) {
        return Learnloop.builder()
                .store(store)
                .tenant(TENANT)
                .idGenerator(IdGenerator.sequential("event-" + name))
                .listener((DomainEvent e) -> {
                    deliveries.computeIfAbsent(e.id(), k -> new AtomicInteger()).incrementAndGet();
                    count.incrementAndGet();
                })
                .build();
    }
}
