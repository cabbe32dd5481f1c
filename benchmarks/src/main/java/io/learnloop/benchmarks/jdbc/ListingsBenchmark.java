package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.access.Grant;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.ledger.Statement;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.store.Store;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a page of a listing costs as a platform grows: the platform is grown through the public API (every order
 * placed and settled, so the ledger, the grants and the indexes are what production would hold), then one page is
 * read. The figures at each {@code orders} size should be about the same: a page reads a bounded range of a sorted
 * index, never the history behind it.
 *
 * <p>The orders are spread over 30 days of the settlement clock, so the one-day statement reads one day of the
 * platform account's entries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Benchmark)
public class ListingsBenchmark {
    private static final TenantId TENANT = TenantId.of("bench");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final Currency CNY = Currency.getInstance("CNY");

    @Param({"MEMORY", "H2", "POSTGRESQL"})
    public String store;

    @Param({"1000", "100000"})
    public int orders;

    private Learnloop learnloop;
    private Course course;
    private Instant lastDay;
    private BenchDatabase database;

    /** A clock each settlement moves on, so orders spread over thirty days. */
    private static final class SpreadClock extends Clock {
        private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        private final long stepMillis;

        SpreadClock(int orders) {
            this.stepMillis = Math.max(1, Duration.ofDays(30).toMillis() / Math.max(1, orders));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return T0.plusMillis(ticks.get() * stepMillis);
        }

        void tick() {
            ticks.incrementAndGet();
        }
    }

    @Setup(Level.Trial)
    public void grow() throws Exception {
        database = BenchDatabase.open(store, 10);
        Store target = database.store;
        SpreadClock clock = new SpreadClock(orders);
        learnloop = Learnloop.builder().store(target).tenant(TENANT).clock(clock).idGenerator(IdGenerator.randomUuids())
                .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(o -> List.of())).build();
        Course c = learnloop.catalog().createCourse(ADA, new CourseDetails("Java", "Sub", "Desc", "en", "programming",
                List.of("java"), CourseLevel.BEGINNER, "media://c"));
        Chapter ch = learnloop.catalog().addChapter(ADA, c.id(), "Basics");
        learnloop.catalog().addLesson(ADA, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO,
                Duration.ofMinutes(5), false, "media://v"));
        learnloop.catalog().submit(ADA, c.id());
        course = learnloop.catalog().approve(Actor.of("rita", Role.REVIEWER), c.id());
        Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Java", Money.parse("99.00", "CNY"),
                course.id()));
        // two growers: settlements on one database share the platform's balance stripes
        int growers = 2;
        ExecutorService threads = Executors.newFixedThreadPool(growers);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < growers; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    for (int i = thread; i < orders; i += growers) {
                        Actor learner = Actor.learner("learner-" + i);
                        Order order = learnloop.commerce().placeOrder(learner, PlaceOrder.of("k", offer.id()));
                        learnloop.settlement().settle(FINANCE, new PaymentConfirmation(order.id(), "bank-transfer",
                                "t-" + i, order.total()));
                        clock.tick();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        // a statement of one whole day, midnight to midnight, as a statement page asks for it
        lastDay = clock.instant().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    }

    @TearDown(Level.Trial)
    public void close() throws java.io.IOException {
        database.close();
    }

    /** The 50 most recently paid orders. */
    @Benchmark
    public Page<Order> paidOrdersPage() {
        return learnloop.commerce().ordersIn(FINANCE, OrderStatus.PAID, null, 50);
    }

    /** The first 50 lines of the platform account's statement for the last day. */
    @Benchmark
    public Statement oneDayStatementPage() {
        return learnloop.ledger().statement(FINANCE, LedgerAccount.PLATFORM, CNY, lastDay,
                lastDay.plus(Duration.ofDays(1)), null, 50);
    }

    /** The 50 most recent learners of the course. */
    @Benchmark
    public Page<Grant> learnersOfCoursePage() {
        return learnloop.access().learnersOf(ADA, course.id(), null, 50);
    }
}
