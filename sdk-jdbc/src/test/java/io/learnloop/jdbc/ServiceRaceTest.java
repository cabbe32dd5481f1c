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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
 * The same races as {@link ConcurrencyTest}, through the real services on PostgreSQL and MariaDB: in each round
 * sixteen threads settle the same payment of one order. Each round ends with exactly one PAID transition and exactly
 * one grant, and nobody deadlocks. MariaDB runs fewer rounds, to keep the build short; PostgreSQL runs 500.
 */
class ServiceRaceTest {
    private static final int THREADS = 8;

    @ParameterizedTest
    @CsvSource({"POSTGRESQL, 500", "MYSQL, 100"})
    void settle_when16ThreadsRaceRoundAfterRound_exactlyOneTransitionAndOneGrantEachTime(Dialect dialect, int rounds)
            throws Exception {
        try (HikariDataSource pool = TestDatabases.newDatabase(dialect, THREADS * 2 + 2)) {
            JdbcStores.migrate(pool, dialect);
            try (JdbcStore store = JdbcStores.open(pool, dialect)) {
                race(store, rounds);
            }
        }
    }

    private static void race(JdbcStore store, int rounds) throws Exception {
        Map<String, AtomicInteger> events = new ConcurrentHashMap<>();
        Learnloop learnloop = Learnloop.builder()
                .store(store)
                .tenant(TenantId.of("service-race"))
                .idGenerator(IdGenerator.sequential("race"))
                .listener(e -> events.computeIfAbsent(e.type() + "|" + e.aggregateId(), k -> new AtomicInteger())
                        .incrementAndGet())
                .build();
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
            for (int round = 0; round < rounds; round++) {
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
        long paidEvents = events.entrySet().stream()
                .filter(e -> e.getKey().startsWith(EventTypes.ORDER_PAID + "|")).mapToInt(e -> e.getValue().get()).sum();
        long distinctPaidOrders = events.keySet().stream().filter(k -> k.startsWith(EventTypes.ORDER_PAID + "|")).count();
        assertThat(distinctPaidOrders).isEqualTo(rounds);
        assertThat(paidEvents).as("one PAID transition per order").isEqualTo(rounds);
        long grantEvents = events.entrySet().stream()
                .filter(e -> e.getKey().startsWith(EventTypes.ACCESS_GRANTED + "|")).mapToInt(e -> e.getValue().get()).sum();
        assertThat(grantEvents).as("one grant per order line").isEqualTo(rounds);
        assertThat(settled.get() + alreadySettled.get()).isEqualTo(rounds * THREADS * 2);
        assertThat(settled.get()).as("settlements that paid the order").isEqualTo(rounds);
    }
}
