package io.learnloop.core.commerce;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.learnloop.core.commerce.CommerceFixture.cny;
import static org.assertj.core.api.Assertions.assertThat;

class OrderConcurrencyTest {
    private static final int THREADS = 16;

    /** Runs one task per thread, all released at once; returns each outcome (a value or the exception). */
    private static List<Object> race(Callable<Object> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> fu : futures) {
                results.add(fu.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @RepeatedTest(5)
    void placeOrder_when16ThreadsUseOneClientKey_createsExactlyOneOrder() throws Exception {
        CommerceFixture f = new CommerceFixture();
        Offer offer = f.course("Java", cny("100.00"));
        f.coupon(f.percent("TEN", 1000).withLimits(100, 1));
        List<Object> results = race(() -> f.commerce.placeOrder(f.learner,
                PlaceOrder.of("client-key-1", offer.id()).withCoupons("TEN")));
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Order.class));
        Set<OrderId> ids = ConcurrentHashMap.newKeySet();
        results.forEach(r -> ids.add(((Order) r).id()));
        assertThat(ids).hasSize(1);
        assertThat(f.orders()).isEqualTo(1);
        assertThat(f.commerce.coupon("TEN").redemptions()).isEqualTo(1);
        assertThat(f.eventTypes().stream().filter("order.placed"::equals)).hasSize(1);
    }

    @RepeatedTest(5)
    void startPayment_when16ThreadsRace_exactlyOneWinsOthersConflict() throws Exception {
        CommerceFixture f = new CommerceFixture();
        Offer offer = f.course("Java", cny("100.00"));
        Order order = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", offer.id()));
        List<Object> results = race(() -> f.orders.startPayment(order.id()));
        assertThat(results.stream().filter(Order.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(ConflictException.class::isInstance)).hasSize(THREADS - 1);
        assertThat(f.orders.order(order.id()).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(f.eventTypes().stream().filter("order.awaiting_payment"::equals)).hasSize(1);
    }

    @RepeatedTest(3)
    void markPaid_when16ThreadsRace_exactlyOneWinsOthersConflict() throws Exception {
        CommerceFixture f = new CommerceFixture();
        Offer offer = f.course("Java", cny("100.00"));
        Order order = f.orders.startPayment(f.commerce.placeOrder(f.learner, PlaceOrder.of("k", offer.id())).id());
        AtomicInteger n = new AtomicInteger();
        List<Object> results = race(() -> f.orders.markPaid(order.id(),
                new PaymentReceipt("sandbox", "pay-" + n.incrementAndGet(), cny("100.00"))));
        assertThat(results.stream().filter(Order.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(ConflictException.class::isInstance)).hasSize(THREADS - 1);
        assertThat(f.eventTypes().stream().filter("order.paid"::equals)).hasSize(1);
    }

    @RepeatedTest(3)
    void refund_when16ThreadsRefundOneLine_totalNeverExceedsWhatWasPaid() throws Exception {
        CommerceFixture f = new CommerceFixture();
        Offer offer = f.course("Java", cny("100.00"));
        Order order = f.orders.startPayment(f.commerce.placeOrder(f.learner, PlaceOrder.of("k", offer.id())).id());
        f.orders.markPaid(order.id(), new PaymentReceipt("sandbox", "p", cny("100.00")));
        AtomicInteger n = new AtomicInteger();
        List<Object> results = race(() -> f.orders.refund(order.id(), new RefundRequest("r" + n.incrementAndGet(),
                List.of(LineAmount.of(1, cny("30.00"))), null)));
        assertThat(results.stream().filter(Order.class::isInstance)).hasSize(3);
        assertThat(results.stream().filter(r -> r instanceof ValidationException v
                && v.fields().equals(List.of("lines[0].amount")))).hasSize(THREADS - 3);
        Order after = f.orders.order(order.id());
        assertThat(after.refunded()).isEqualTo(cny("90.00"));
        assertThat(after.line(1).refundable()).isEqualTo(cny("10.00"));
        assertThat(after.refunds()).hasSize(3);
    }

    @RepeatedTest(3)
    void placeOrder_when16LearnersRaceForLastRedemptions_neverExceedsTheLimit() throws Exception {
        CommerceFixture f = new CommerceFixture();
        Offer offer = f.course("Java", cny("100.00"));
        f.coupon(f.percent("FEW", 1000).withLimits(5, 1));
        AtomicInteger n = new AtomicInteger();
        List<Object> results = race(() -> f.commerce.placeOrder(Actor.learner("l" + n.incrementAndGet()),
                PlaceOrder.of("k", offer.id()).withCoupons("FEW")));
        assertThat(results.stream().filter(Order.class::isInstance)).hasSize(5);
        assertThat(results.stream().filter(r -> r instanceof CouponRejectedException c
                && c.reason() == CouponRejection.EXHAUSTED)).hasSize(THREADS - 5);
        assertThat(f.commerce.coupon("FEW").redemptions()).isEqualTo(5);
        assertThat(f.orders()).isEqualTo(5);
    }

    @RepeatedTest(3)
    void placeOrder_whenOneLearnerRacesWithManyKeys_holdsOnlyThePerLearnerLimit() throws Exception {
        CommerceFixture f = new CommerceFixture();
        Offer offer = f.course("Java", cny("100.00"));
        f.coupon(f.percent("TWICE", 1000).withLimits(0, 2));
        AtomicInteger n = new AtomicInteger();
        List<Object> results = race(() -> f.commerce.placeOrder(f.learner,
                PlaceOrder.of("k" + n.incrementAndGet(), offer.id()).withCoupons("TWICE")));
        assertThat(results.stream().filter(Order.class::isInstance)).hasSize(2);
        assertThat(results.stream().filter(r -> r instanceof CouponRejectedException c
                && c.reason() == CouponRejection.LEARNER_LIMIT)).hasSize(THREADS - 2);
    }
}
