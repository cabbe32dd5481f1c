package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads race 500 times to pay the same order (compare-and-set on its version) and to grant the same
 * entitlement (a unique key) on a real PostgreSQL and a real MariaDB: exactly one wins each race, the others get a
 * conflict, nobody deadlocks.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ATTEMPTS = 500;

    /** An order that is paid once. */
    record RaceOrder(String id, String status, long amountMinor, String currency, String paidBy) {
    }

    /** An entitlement: one per learner and course. */
    record RaceGrant(String id, String learnerId, String courseId) {
    }

    private static final AggregateType<RaceOrder> ORDERS = AggregateType
            .builder("race_order", RaceOrder.class, RaceOrder::id).index("status", RaceOrder::status).build();
    private static final AggregateType<RaceGrant> GRANTS = AggregateType
            .builder("race_grant", RaceGrant.class, RaceGrant::id)
            .unique("learner_course", g -> g.learnerId() + "/" + g.courseId())
            .build();

    private static final Map<Dialect, HikariDataSource> POOLS = new EnumMap<>(Dialect.class);
    private static final Map<Dialect, JdbcStore> STORES = new EnumMap<>(Dialect.class);
    private final TenantId tenant = TenantId.of("race");

    /** The dialect's store, opened on first use, so a dialect whose server is missing skips only its own tests. */
    private static synchronized JdbcStore store(Dialect dialect) {
        return STORES.computeIfAbsent(dialect, d -> {
            HikariDataSource pool = TestDatabases.newDatabase(d, THREADS);
            POOLS.put(d, pool);
            JdbcStores.migrate(pool, d);
            return JdbcStores.open(pool, d);
        });
    }

    @AfterAll
    static void close() {
        STORES.values().forEach(JdbcStore::close);
        POOLS.values().forEach(HikariDataSource::close);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL"})
    void update_when8ThreadsPayTheSameOrder500Times_exactlyOnePaysEachTime(Dialect dialect) throws Exception {
        JdbcStore store = store(dialect);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicInteger paid = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String id = "order-" + attempt;
                store.transact(tenant, uow -> uow.insert(ORDERS, new RaceOrder(id, "PENDING", 4_999, "EUR", null)));
                CyclicBarrier allRead = new CyclicBarrier(THREADS);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String payer = "thread-" + t;
                    outcomes.add(threads.submit(() -> store.transact(tenant, uow -> {
                        Versioned<RaceOrder> order = uow.get(ORDERS, id);
                        await(allRead);
                        if (!order.value().status().equals("PENDING")) {
                            return false;
                        }
                        RaceOrder o = order.value();
                        try {
                            uow.update(ORDERS, new RaceOrder(id, "PAID", o.amountMinor(), o.currency(), payer), order.version());
                            return true;
                        } catch (ConflictException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
                            conflicts.incrementAndGet();
                            return false;
                        }
                    })));
                }
                int winners = 0;
                for (Future<Boolean> f : outcomes) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("payments of %s", id).isEqualTo(1);
                paid.addAndGet(winners);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(paid.get()).isEqualTo(ATTEMPTS);
        assertThat(conflicts.get()).isEqualTo(ATTEMPTS * (THREADS - 1));
        int paidOrders = store.read(tenant, uow -> uow.findBy(ORDERS, "status", "PAID").size());
        int pendingOrders = store.read(tenant, uow -> uow.findBy(ORDERS, "status", "PENDING").size());
        assertThat(paidOrders).isEqualTo(ATTEMPTS);
        assertThat(pendingOrders).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL"})
    void insert_when8ThreadsGrantTheSameEntitlement500Times_exactlyOneGrantExistsEachTime(Dialect dialect)
            throws Exception {
        JdbcStore store = store(dialect);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicInteger duplicates = new AtomicInteger();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String course = "course-" + attempt;
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String grantId = course + "-grant-" + t;
                    outcomes.add(threads.submit((Callable<Boolean>) () -> {
                        await(start);
                        try {
                            store.transact(tenant, uow -> uow.insert(GRANTS, new RaceGrant(grantId, "learner-1", course)));
                            return true;
                        } catch (ConflictException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
                            duplicates.incrementAndGet();
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : outcomes) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("grants of %s", course).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(duplicates.get()).isEqualTo(ATTEMPTS * (THREADS - 1));
        long grants = store.read(tenant, uow -> uow.count(GRANTS));
        assertThat(grants).isEqualTo(ATTEMPTS);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the racers did not meet", e);
        }
    }
}
