package io.learnloop.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.LedgerAccount;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grows a platform on embedded PostgreSQL through the public API to each checkpoint of paid orders, and at each
 * times every operation a large platform serves often (settle one order; a page of 50 paid orders, of the platform
 * account's journal lines, of a course's learners; a one-day statement page; an access decision) beside a raw-JDBC
 * query doing the same on tables of the same size in the same database. Not JMH: growing to a million orders takes
 * hours, so each operation is timed by repetition (median and 95th percentile, after a warm-up) at each checkpoint.
 *
 * <p>Arguments: {@code [checkpoints] [learners] [courses] [threads] [repetitions]}, default
 * {@code 10000,100000,1000000 100000 200 4 200}.
 */
public final class ScaleRun {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final int WARM_UP = 50;

    private final ScalePlatform platform;
    private final ScaleBaseline raw;
    private final int threads;
    private final int repetitions;
    private final AtomicLong placed = new AtomicLong();
    private final SplittableRandom random = new SplittableRandom(7);

    private ScaleRun(ScalePlatform platform, ScaleBaseline raw, int threads, int repetitions) {
        this.platform = platform;
        this.raw = raw;
        this.threads = threads;
        this.repetitions = repetitions;
    }

    /**
     * Runs the growth and the timings.
     *
     * @param args checkpoints, learners, courses, growing threads, repetitions per operation
     * @throws Exception if the database fails
     */
    public static void main(String[] args) throws Exception {
        String[] checkpoints = (args.length > 0 ? args[0] : "10000,100000,1000000").split(",");
        int learners = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int courses = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int repetitions = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        try (BenchDatabase db = BenchDatabase.open("POSTGRESQL", threads + 2)) {
            ScalePlatform platform = new ScalePlatform(db.store, courses, learners);
            ScaleRun run = new ScaleRun(platform, new ScaleBaseline(db.pool), threads, repetitions);
            System.out.printf("platform: %d courses, up to %,d learners, %d growing threads, %d repetitions%n",
                    courses, learners, threads, repetitions);
            for (String checkpoint : checkpoints) {
                run.growTo(Long.parseLong(checkpoint.trim()));
                run.report();
            }
        }
    }

    private void growTo(long orders) throws Exception {
        long start = System.nanoTime();
        long from = placed.get();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (long i = placed.getAndIncrement(); i < orders; i = placed.getAndIncrement()) {
                        platform.settle(platform.place(i), i);
                    }
                    placed.decrementAndGet(); // the number each thread drew past the end
                    return null;
                }));
            }
            long lastPrint = System.nanoTime();
            for (Future<?> f : work) {
                while (true) {
                    try {
                        f.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (TimeoutException stillGrowing) {
                        if (System.nanoTime() - lastPrint > 30e9) {
                            lastPrint = System.nanoTime();
                            progress(from, start);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        placed.set(Math.max(orders, placed.get()));
        progress(from, start);
        long rawStart = System.nanoTime();
        raw.growTo(orders, platform);
        System.out.printf("raw tables grown to %,d orders in %.0f s%n", orders, (System.nanoTime() - rawStart) / 1e9);
    }

    private void progress(long from, long start) {
        long now = placed.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %,d paid orders, %.0f s, %.1f orders/s, load %s%n", now, seconds, (now - from) / seconds,
                load());
    }

    private void report() throws Exception {
        long orders = placed.get();
        int learners = (int) Math.min(orders, platform.learners);
        Instant now = platform.clock.instant();
        Instant dayAgo = now.minus(Duration.ofDays(1));
        System.out.printf("%n== %,d paid orders (%,d learners), load %s%n", orders, learners, load());
        System.out.printf("%-58s %12s %12s%n", "operation", "median µs", "p95 µs");
        Order[] fresh = new Order[WARM_UP + repetitions];
        long[] freshIds = new long[fresh.length];
        print("settle one order (placing it untimed)", Latency.measure(WARM_UP, repetitions, i -> {
            freshIds[i] = placed.getAndIncrement();
            fresh[i] = platform.place(freshIds[i]);
        }, i -> platform.settle(fresh[i], freshIds[i])));
        long[] rawIds = new long[fresh.length];
        print("  raw: the same writes in one transaction", Latency.measure(WARM_UP, repetitions,
                i -> rawIds[i] = SettlementBenchmark.RawSettlement.placeOrder(rawPool(), "learner-raw-" + i),
                i -> SettlementBenchmark.RawSettlement.settle(rawPool(), rawIds[i])));
        print("page of 50 paid orders", Latency.measure(WARM_UP, repetitions,
                i -> platform.learnloop.commerce().ordersIn(ScalePlatform.FINANCE, OrderStatus.PAID, null, 50)));
        print("  raw: 50 rows from the (status, paid_at) index", Latency.measure(WARM_UP, repetitions,
                i -> raw.paidOrdersPage()));
        print("page of 50 journal lines (platform account, all time)", Latency.measure(WARM_UP, repetitions,
                i -> platform.learnloop.ledger().statement(ScalePlatform.FINANCE, LedgerAccount.PLATFORM, CNY,
                        ScalePlatform.T0, now, null, 50)));
        print("  raw: 50 postings from the (account, posted_at) index", Latency.measure(WARM_UP, repetitions,
                i -> raw.journalPage()));
        print("page of 50 learners of a random course", Latency.measure(WARM_UP, repetitions,
                i -> platform.learnloop.access().learnersOf(ScalePlatform.ADA,
                        platform.courses[random.nextInt(platform.courses.length)], null, 50)));
        print("  raw: 50 grants from the (course, id) index", Latency.measure(WARM_UP, repetitions,
                i -> raw.learnersPage(random.nextInt(platform.courses.length))));
        print("one-day statement page (platform account, last 24 h)", Latency.measure(WARM_UP, repetitions,
                i -> platform.learnloop.ledger().statement(ScalePlatform.FINANCE, LedgerAccount.PLATFORM, CNY,
                        dayAgo, now, null, 50)));
        print("  raw: 50 postings of one day", Latency.measure(WARM_UP, repetitions,
                i -> raw.oneDayPage(dayAgo, now)));
        print("access decision, a lesson of a bought course", Latency.measure(WARM_UP, repetitions, i -> {
            long order = random.nextLong(Math.min(orders, raw.grown()));
            int lesson = random.nextInt(2);
            if (!platform.learnloop.access().decide(UserId.of("learner-"
                    + platform.learnerOf(order)), platform.lessons[platform.courseOf(order)][lesson], now).allowed()) {
                throw new IllegalStateException("a bought lesson was refused");
            }
        }));
        print("  raw: one order by primary key", Latency.measure(WARM_UP, repetitions,
                i -> raw.orderById(random.nextLong(raw.grown()))));
        System.out.println();
    }

    private HikariDataSource rawPool() {
        return raw.pool();
    }

    private static void print(String what, Latency l) {
        System.out.printf("%-58s %,12.0f %,12.0f%n", what, l.medianMicros, l.p95Micros);
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
