package io.learnloop.jdbc;

import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.settlement.SettlementResult;
import io.learnloop.core.settlement.SettlementStatus;
import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same races as {@link PostgresConcurrencyTest}, through the real services on PostgreSQL: in each of 500 rounds
 * sixteen threads settle the same payment of one order. Each round ends with exactly one PAID transition and exactly
 * one grant, and nobody deadlocks.
 */
class PostgresServiceRaceTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 500;

    private static HikariDataSource pool;
    private static JdbcStore store;
    private static final Map<String, AtomicInteger> EVENTS = new ConcurrentHashMap<>();
    private static Learnloop learnloop;

    @BeforeAll
    static void open() {
        pool = TestDatabases.newPostgres(THREADS * 2 + 2);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
        store = JdbcStores.open(pool, Dialect.POSTGRESQL);
        learnloop = Learnloop.builder()
                .store(store)
                .tenant(TenantId.of("service-race"))
                .idGenerator(IdGenerator.sequential("race"))
                .listener(e -> EVENTS.computeIfAbsent(e.type() + "|" + e.aggregateId(), k -> new AtomicInteger())
                        .incrementAndGet())
                .build();
    }

    @AfterAll
    static void close() {
        store.close();
        pool.close();
    }

    @Test
    void settle_when16ThreadsRace500Times_exactlyOneTransitionAndOneGrantEachTime() throws Exception {
        Actor admin = Actor.of("admin", Role.ADMIN);
        Actor creator = Actor.of("creator", Role.CREATOR);
        Course published = learnloop.catalog().createCourse(creator, CourseDetails.of("Race course", "en", "programming"));
        Chapter chapter = learnloop.catalog().addChapter(creator, published.id(), "Basics");
        learnloop.catalog().addLesson(creator, published.id(), chapter.id(),
                new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(10), false, "media://v/1"));
        learnloop.catalog().submit(creator, published.id());
        learnloop.catalog().approve(Actor.of("reviewer", Role.REVIEWER), published.id());
        CourseId course = published.id();
        Offer offer = learnloop.commerce().createOffer(admin,
                OfferDraft.course("Race course", Money.parse("49.00", "CNY"), course));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS * 2);
        AtomicInteger settled = new AtomicInteger();
        AtomicInteger alreadySettled = new AtomicInteger();
        Actor finance = Actor.of("cashier", Role.FINANCE);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Actor learner = Actor.learner("learner-" + round);
                Order order = learnloop.commerce().placeOrder(learner, PlaceOrder.of("key-" + round, offer.id()));
                PaymentConfirmation payment = new PaymentConfirmation(order.id(), "bank-transfer", "pay-" + round,
                        order.total());
                CyclicBarrier start = new CyclicBarrier(THREADS * 2);
                List<Future<SettlementResult>> outcomes = new ArrayList<>();
                for (int t = 0; t < THREADS * 2; t++) {
                    outcomes.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return learnloop.settlement().settle(finance, payment);
                    }));
                }
                Set<String> grantIds = new java.util.HashSet<>();
                for (Future<SettlementResult> f : outcomes) {
                    SettlementResult result = f.get(60, TimeUnit.SECONDS);
                    if (result.status() == SettlementStatus.SETTLED) {
                        settled.incrementAndGet();
                    } else {
                        assertThat(result.status()).isEqualTo(SettlementStatus.ALREADY_SETTLED);
                        alreadySettled.incrementAndGet();
                    }
                    result.grants().forEach(g -> grantIds.add(g.id().value()));
                }
                assertThat(grantIds).as("grants handed out in round %d", round).hasSize(1);
                assertThat(learnloop.commerce().order(finance, order.id()).status()).isEqualTo(OrderStatus.PAID);
                List<Grant> grants = learnloop.access().grantsOf(learner.id()).stream()
                        .filter(g -> g.source() == GrantSource.PURCHASE).toList();
                assertThat(grants).as("grants stored in round %d", round).hasSize(1);
                assertThat(learnloop.access().hasAccess(learner.id(), course, learnloop.context().now())).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        learnloop.deliverEvents();
        long paidEvents = EVENTS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(EventTypes.ORDER_PAID + "|")).mapToInt(e -> e.getValue().get()).sum();
        long distinctPaidOrders = EVENTS.keySet().stream().filter(k -> k.startsWith(EventTypes.ORDER_PAID + "|")).count();
        assertThat(distinctPaidOrders).isEqualTo(ROUNDS);
        assertThat(paidEvents).as("one PAID transition per order").isEqualTo(ROUNDS);
        long grantEvents = EVENTS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(EventTypes.ACCESS_GRANTED + "|")).mapToInt(e -> e.getValue().get()).sum();
        assertThat(grantEvents).as("one grant per order line").isEqualTo(ROUNDS);
        assertThat(settled.get() + alreadySettled.get()).isEqualTo(ROUNDS * THREADS * 2);
        assertThat(settled.get()).as("settlements that paid the order").isEqualTo(ROUNDS);
    }
}
