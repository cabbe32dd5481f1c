package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Versioned;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Store throughput with 8 threads on the in-memory store, the embedded H2 file database and a real PostgreSQL
 * (started in-process, behind a HikariCP pool of 8): inserts that take a unique key and write an outbox event, CAS
 * updates, unique-key reads and index reads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class JdbcStoreBenchmark {
    /** An order as a store sees it: money in minor units, an index by learner, an idempotency key. */
    public record BenchOrder(String id, String learnerId, String status, long amountMinor, String currency,
                             String idempotencyKey) {
    }

    /** An entitlement: unique per learner and course. */
    public record BenchGrant(String id, String learnerId, String courseId) {
    }

    static final AggregateType<BenchOrder> ORDERS = AggregateType
            .builder("bench_order", BenchOrder.class, BenchOrder::id)
            .index("learner", BenchOrder::learnerId)
            .unique("idempotency", BenchOrder::idempotencyKey)
            .build();
    static final AggregateType<BenchGrant> GRANTS = AggregateType
            .builder("bench_grant", BenchGrant.class, BenchGrant::id)
            .unique("learner_course", g -> g.learnerId() + "/" + g.courseId())
            .build();

    static final TenantId TENANT = TenantId.of("bench");
    static final int LEARNERS = 1_000;
    static final int COURSES = 20;

    /** The store under test, shared by the threads. */
    @State(Scope.Benchmark)
    public static class StoreState {
        @Param({"MEMORY", "H2", "POSTGRESQL"})
        public String store;

        Store target;
        private BenchDatabase database;
        final AtomicLong ids = new AtomicLong();

        @Setup(Level.Trial)
        public void open() throws IOException {
            database = BenchDatabase.open(store, 8);
            target = database.store;
            // Reads have something to find: an order per learner, grants for every learner in every course.
            for (int l = 0; l < LEARNERS; l++) {
                String learner = "learner-" + l;
                target.transact(TENANT, uow -> {
                    uow.insert(ORDERS, new BenchOrder("seed-" + learner, learner, "PAID", 4_999, "EUR", "seed-" + learner));
                    for (int c = 0; c < COURSES; c++) {
                        uow.insert(GRANTS, new BenchGrant(learner + "-course-" + c, learner, "course-" + c));
                    }
                    return null;
                });
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            database.close();
        }
    }

    /** Each thread's own order, so CAS updates measure throughput rather than contention. */
    @State(Scope.Thread)
    public static class OwnOrder {
        Versioned<BenchOrder> current;

        @Setup(Level.Trial)
        public void create(StoreState s) {
            String id = "own-" + s.ids.incrementAndGet();
            current = s.target.transact(TENANT, uow -> uow.insert(ORDERS,
                    new BenchOrder(id, "learner-own", "PENDING", 0, "EUR", id)));
        }
    }

    /** Places an order: insert with an idempotency key and a learner index entry, plus its outbox event. */
    @Benchmark
    public Versioned<BenchOrder> placeOrder(StoreState s) {
        String id = "order-" + s.ids.incrementAndGet();
        String learner = "learner-" + ThreadLocalRandom.current().nextInt(LEARNERS);
        return s.target.transact(TENANT, uow -> {
            Versioned<BenchOrder> v = uow.insert(ORDERS, new BenchOrder(id, learner, "PENDING", 4_999, "EUR", "checkout-" + id));
            uow.publish(new DomainEvent("evt-" + id, TENANT, "order.placed", id, Instant.EPOCH, Map.of("learner", learner)));
            return v;
        });
    }

    /** Reads an order and updates it with compare-and-set in one transaction. */
    @Benchmark
    public Versioned<BenchOrder> casUpdate(StoreState s, OwnOrder own) {
        Versioned<BenchOrder> read = own.current;
        BenchOrder o = read.value();
        own.current = s.target.transact(TENANT, uow -> uow.update(ORDERS,
                new BenchOrder(o.id(), o.learnerId(), o.status(), o.amountMinor() + 1, o.currency(), o.idempotencyKey()),
                read.version()));
        return own.current;
    }

    /** An access decision's read: the grant of a learner for a course, by its unique key. */
    @Benchmark
    public Optional<Versioned<BenchGrant>> accessDecision(StoreState s) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String key = "learner-" + r.nextInt(LEARNERS) + "/course-" + r.nextInt(COURSES);
        return s.target.read(TENANT, uow -> uow.findUnique(GRANTS, "learner_course", key));
    }

    /** An indexed read: a learner's orders. */
    @Benchmark
    public List<Versioned<BenchOrder>> ordersOfLearner(StoreState s) {
        String learner = "learner-" + ThreadLocalRandom.current().nextInt(LEARNERS);
        return s.target.read(TENANT, uow -> uow.findBy(ORDERS, "learner", learner));
    }
}
