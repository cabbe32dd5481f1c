package io.learnloop.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.store.Store;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Settling one paid notification end to end, beside a raw-JDBC baseline that makes the same logical reads and writes
 * in one transaction on the same database.
 *
 * <p>{@code settle}: the Sandbox provider's signed notification through {@code Payments.handleNotification}: verify,
 * dedupe, read the attempt, and in one transaction the core settlement (order to PAID, one grant, the revenue posting
 * with its balance stripes and day movements, three outbox events) with the attempt's move to PAID and the dedupe
 * record. Placing the order and checking it out happen in the per-invocation set-up, outside the measurement.
 *
 * <p>{@code rawJdbc}: plain SQL on purpose-made tables, one transaction: read the attempt, read the order, update the
 * order, insert the grant, insert the journal entry and its three postings, move three balance stripes and three day
 * movements, insert three outbox events, update the attempt, insert the dedupe record.
 *
 * <p>The facade is built with {@code deliverEventsOnCommit(false)} and a relay job delivers events every
 * {@value #RELAY_EVERY_MS} ms on a thread of its own, as a host serving notifications runs it: delivering events to
 * listeners (claiming them, the listeners' own reads, marking them delivered) follows the settlement's commit and is
 * not part of settling, so the handler's thread does not wait for it; the relay's work still runs on the same two
 * cores during the measurement. {@code SettlementCalls} counts the relay's calls apart.
 *
 * <p>Run with {@code -t 1} and {@code -t 8} to see how settlement scales with threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class SettlementBenchmark {
    static final TenantId TENANT = TenantId.of("bench");
    /** How often the host's relay job delivers committed events. */
    static final long RELAY_EVERY_MS = 200;

    /** The platform under test, shared by the threads. */
    @State(Scope.Benchmark)
    public static class Platform {
        @Param({"MEMORY", "POSTGRESQL"})
        public String store;

        Learnloop learnloop;
        SandboxProvider sandbox;
        Payments payments;
        Offer offer;
        HikariDataSource pool;
        private BenchDatabase database;
        final AtomicLong learners = new AtomicLong();
        private ScheduledExecutorService relay;

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            build();
        }

        /**
         * In memory, each iteration settles on a fresh platform: the orders placed by the set-up would otherwise fill
         * the heap (eight threads filled 4 GiB within five iterations) and the iterations would measure the
         * collector. A database keeps its rows on disk, so it keeps one platform for the whole run.
         */
        @Setup(Level.Iteration)
        public void bound() throws IOException, SQLException {
            if (pool == null && learners.get() > 0) {
                database.close();
                learners.set(0);
                build();
            }
        }

        private void build() throws IOException, SQLException {
            database = BenchDatabase.open(store, 12);
            Store target = database.store;
            pool = database.pool;
            if (pool != null) {
                RawSettlement.createTables(pool);
            }
            // As a host serving notifications runs it: the handler commits and answers, a relay job delivers the
            // events to the listeners in the background (see the class comment)
            learnloop = Learnloop.builder().store(target).tenant(TENANT).idGenerator(IdGenerator.randomUuids())
                    .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(o -> List.of()))
                    .deliverEventsOnCommit(false).build();
            relay = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "event-relay");
                t.setDaemon(true);
                return t;
            });
            relay.scheduleWithFixedDelay(learnloop::deliverEvents, RELAY_EVERY_MS, RELAY_EVERY_MS,
                    TimeUnit.MILLISECONDS);
            offer = BenchOffer.javaCourse(learnloop);
            sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("bench-secret")).build());
            payments = Payments.builder(learnloop).provider(sandbox).build();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, InterruptedException {
            relay.shutdown();
            relay.awaitTermination(30, TimeUnit.SECONDS);
            database.close();
        }
    }

    /**
     * A fresh paid notification for each invocation: an order placed and checked out, its payment made. It also
     * sums the benchmark thread's CPU time inside the measured calls and prints it per call after each iteration: on
     * this shared machine the wall-clock score rises with other processes' load, the CPU time much less.
     */
    @State(Scope.Thread)
    public static class Notification {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        SandboxNotification paid;
        long rawOrder;
        private long cpuBefore;
        private long cpuInCalls;
        private long calls;

        @Setup(Level.Iteration)
        public void startIteration() {
            cpuInCalls = 0;
            calls = 0;
        }

        @TearDown(Level.Invocation)
        public void afterCall() {
            cpuInCalls += THREADS.getCurrentThreadCpuTime() - cpuBefore;
            calls++;
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            if (calls > 0) {
                System.out.printf(" [%,.1f us CPU per call, %,d calls]", cpuInCalls / 1e3 / calls, calls);
            }
        }

        @Setup(Level.Invocation)
        public void prepare(Platform p) throws SQLException {
            Actor learner = Actor.learner("learner-" + p.learners.incrementAndGet());
            Order order = p.learnloop.commerce().placeOrder(learner, PlaceOrder.of("k", p.offer.id()));
            String ref = p.payments.checkout(learner, CheckoutRequest.of(order.id(), ProviderId.SANDBOX,
                    PaymentFlow.QR_CODE, "Java")).merchantReference();
            synchronized (p.sandbox) {
                p.sandbox.pay(ref);
                List<SandboxNotification> due = p.sandbox.deliverable();
                paid = due.get(due.size() - 1);
            }
            if (p.pool != null) {
                rawOrder = RawSettlement.placeOrder(p.pool, learner.id().value());
            }
            cpuBefore = THREADS.getCurrentThreadCpuTime();
        }
    }

    @Benchmark
    public NotificationResult settle(Platform p, Notification n) {
        NotificationResult r = p.payments.handleNotification(ProviderId.SANDBOX, n.paid.body(), n.paid.headers());
        if (r.disposition() != Disposition.SETTLED) {
            throw new IllegalStateException(r.disposition() + ": " + r.detail());
        }
        return r;
    }

    @Benchmark
    public long rawJdbc(Platform p, Notification n) throws SQLException {
        if (p.pool == null) {
            return 0; // the baseline is for databases
        }
        return RawSettlement.settle(p.pool, n.rawOrder);
    }

    /** The baseline: the same logical work in plain SQL on tables made for it. */
    static final class RawSettlement {
        private static final AtomicLong IDS = new AtomicLong();
        private static final String[] ACCOUNTS = {"platform", "creator:ada", "clearing:sandbox"};

        private RawSettlement() {
        }

        static void createTables(HikariDataSource pool) throws SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE raw_order (id BIGINT PRIMARY KEY, learner TEXT NOT NULL, status TEXT NOT NULL, "
                        + "total BIGINT NOT NULL, paid_at TIMESTAMPTZ, payment_ref TEXT, version BIGINT NOT NULL)");
                s.execute("CREATE TABLE raw_attempt (order_id BIGINT PRIMARY KEY, reference TEXT NOT NULL, "
                        + "state TEXT NOT NULL, version BIGINT NOT NULL)");
                s.execute("CREATE TABLE raw_grant (id BIGINT PRIMARY KEY, learner TEXT NOT NULL, course TEXT NOT NULL, "
                        + "order_id BIGINT NOT NULL, line INT NOT NULL, UNIQUE (order_id, line))");
                s.execute("CREATE INDEX raw_grant_learner ON raw_grant (learner)");
                s.execute("CREATE TABLE raw_entry (id BIGINT PRIMARY KEY, entry_key TEXT UNIQUE NOT NULL, "
                        + "order_id BIGINT NOT NULL, posted_at TIMESTAMPTZ NOT NULL)");
                s.execute("CREATE TABLE raw_posting (entry_id BIGINT NOT NULL, account TEXT NOT NULL, amount BIGINT "
                        + "NOT NULL, posted_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (entry_id, account))");
                s.execute("CREATE INDEX raw_posting_account ON raw_posting (account, posted_at)");
                s.execute("CREATE TABLE raw_balance (account TEXT NOT NULL, stripe INT NOT NULL, balance BIGINT NOT "
                        + "NULL, PRIMARY KEY (account, stripe))");
                s.execute("CREATE TABLE raw_day (account TEXT NOT NULL, day DATE NOT NULL, stripe INT NOT NULL, "
                        + "amount BIGINT NOT NULL, PRIMARY KEY (account, day, stripe))");
                s.execute("CREATE TABLE raw_outbox (seq BIGSERIAL PRIMARY KEY, type TEXT NOT NULL, aggregate TEXT "
                        + "NOT NULL, body TEXT NOT NULL)");
                s.execute("CREATE TABLE raw_notification (id TEXT PRIMARY KEY, disposition TEXT NOT NULL)");
            }
        }

        static long placeOrder(HikariDataSource pool, String learner) throws SQLException {
            long id = IDS.incrementAndGet();
            try (Connection c = pool.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_order VALUES (?, ?, 'AWAITING', 9900, "
                        + "NULL, NULL, 1)")) {
                    ps.setLong(1, id);
                    ps.setString(2, learner);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_attempt VALUES (?, ?, 'PENDING', 1)")) {
                    ps.setLong(1, id);
                    ps.setString(2, "ref-" + id);
                    ps.executeUpdate();
                }
            }
            return id;
        }

        static long settle(HikariDataSource pool, long order) throws SQLException {
            Timestamp now = Timestamp.from(Instant.now());
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    String learner;
                    long version;
                    try (PreparedStatement ps = c.prepareStatement("SELECT reference, version FROM raw_attempt "
                            + "WHERE order_id = ?")) {
                        ps.setLong(1, order);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("SELECT learner, version, status FROM raw_order "
                            + "WHERE id = ?")) {
                        ps.setLong(1, order);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            learner = rs.getString(1);
                            version = rs.getLong(2);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE raw_order SET status = 'PAID', paid_at = ?, "
                            + "payment_ref = ?, version = version + 1 WHERE id = ? AND version = ?")) {
                        ps.setTimestamp(1, now);
                        ps.setString(2, "pay-" + order);
                        ps.setLong(3, order);
                        ps.setLong(4, version);
                        if (ps.executeUpdate() != 1) {
                            throw new SQLException("lost the race for order " + order);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_grant VALUES (?, ?, 'java', ?, 1)")) {
                        ps.setLong(1, order);
                        ps.setString(2, learner);
                        ps.setLong(3, order);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_entry VALUES (?, ?, ?, ?)")) {
                        ps.setLong(1, order);
                        ps.setString(2, order + ":PAYMENT");
                        ps.setLong(3, order);
                        ps.setTimestamp(4, now);
                        ps.executeUpdate();
                    }
                    long[] amounts = {1980, 7920, -9900};
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_posting VALUES (?, ?, ?, ?)")) {
                        for (int i = 0; i < ACCOUNTS.length; i++) {
                            ps.setLong(1, order);
                            ps.setString(2, ACCOUNTS[i]);
                            ps.setLong(3, amounts[i]);
                            ps.setTimestamp(4, now);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    int stripe = ThreadLocalRandom.current().nextInt(16);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_balance VALUES (?, ?, ?) ON CONFLICT "
                            + "(account, stripe) DO UPDATE SET balance = raw_balance.balance + EXCLUDED.balance")) {
                        for (int i = 0; i < ACCOUNTS.length; i++) {
                            ps.setString(1, ACCOUNTS[i]);
                            ps.setInt(2, stripe);
                            ps.setLong(3, amounts[i]);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_day VALUES (?, CURRENT_DATE, ?, ?) "
                            + "ON CONFLICT (account, day, stripe) DO UPDATE SET amount = raw_day.amount + EXCLUDED.amount")) {
                        for (int i = 0; i < ACCOUNTS.length; i++) {
                            ps.setString(1, ACCOUNTS[i]);
                            ps.setInt(2, stripe);
                            ps.setLong(3, amounts[i]);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_outbox (type, aggregate, body) "
                            + "VALUES (?, ?, ?)")) {
                        for (String type : new String[] {"order.paid", "access.granted", "ledger.posted"}) {
                            ps.setString(1, type);
                            ps.setString(2, Long.toString(order));
                            ps.setString(3, "{\"order\":\"" + order + "\",\"learner\":\"" + learner + "\"}");
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE raw_attempt SET state = 'PAID', "
                            + "version = version + 1 WHERE order_id = ?")) {
                        ps.setLong(1, order);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_notification VALUES (?, 'SETTLED')")) {
                        ps.setString(1, "sandbox:evt-" + order);
                        ps.executeUpdate();
                    }
                    c.commit();
                    return order;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
    }
}
