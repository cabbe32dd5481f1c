package io.learnloop.core.testing;

import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads settling different order lines of one learner's membership plan at the same instant, released
 * together by a latch, each also replaying a line that another thread settles. Shared by the in-memory, H2 and
 * PostgreSQL tests of period placement.
 *
 * @param learner         the member
 * @param plans           the plans paid for; thread {@code t} pays plan {@code t % plans.size()}
 * @param courses         the courses every plan covers
 * @param categories      the categories every plan covers
 * @param paidAt          the instant every order was paid at
 * @param period          each plan's period
 * @param threads         how many threads settle
 * @param ordersPerThread how many different orders each thread settles
 */
public record RenewalRace(UserId learner, List<OfferId> plans, List<CourseId> courses, List<String> categories,
                          Instant paidAt, MembershipPeriod period, int threads, int ordersPerThread) {

    /** The order that thread {@code t} pays as its {@code i}-th. */
    public static OrderId orderOf(String prefix, int t, int i) {
        return OrderId.of(prefix + "-" + t + "-" + i);
    }

    /**
     * Runs the race: thread {@code t} (on service {@code t % services.size()}) grants its own orders' periods and
     * replays each order of thread {@code t + 1} as it goes, so every line is granted twice, concurrently.
     *
     * @return the grant ids each order's calls returned, by order
     */
    public Map<OrderId, Set<GrantId>> run(List<io.learnloop.core.Learnloop> services, String prefix) throws Exception {
        Map<OrderId, Set<GrantId>> returned = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                TrustedAccess access = new TrustedAccess(services.get(t % services.size()));
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < ordersPerThread; i++) {
                        for (int owner : new int[] {thread, (thread + 1) % threads}) {
                            OrderId order = orderOf(prefix, owner, i);
                            Grant g = access.grant(GrantRequest.paidPeriod(learner, order, "line-1",
                                    plans.get(owner % plans.size()), courses, categories, paidAt, period));
                            returned.computeIfAbsent(order, o -> ConcurrentHashMap.newKeySet()).add(g.id());
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return returned;
    }

    /** How many orders pay for a plan. */
    public int ordersOf(OfferId plan) {
        int count = 0;
        for (int t = 0; t < threads; t++) {
            if (plans.get(t % plans.size()).equals(plan)) {
                count += ordersPerThread;
            }
        }
        return count;
    }

    /** Where {@code n} periods laid end to end from {@code paidAt} end. */
    public Instant endOfPeriods(int n) {
        Instant end = paidAt;
        for (int i = 0; i < n; i++) {
            end = period.endOf(end);
        }
        return end;
    }

    /**
     * Asserts that every line got one grant, and that the learner's periods of each plan are back to back from the
     * payment time: none overlaps another, and together they last as long as the periods paid.
     */
    public void assertPlaced(Map<OrderId, Set<GrantId>> returned, List<Grant> grantsOfLearner) {
        assertThat(returned).hasSize(threads * ordersPerThread);
        assertThat(returned.values()).as("a replayed line gets the line's grant").allSatisfy(ids ->
                assertThat(ids).hasSize(1));
        for (OfferId plan : Set.copyOf(plans)) {
            List<Grant> periods = grantsOfLearner.stream()
                    .filter(g -> g.source() == GrantSource.MEMBERSHIP && plan.equals(g.plan()))
                    .sorted(Comparator.comparing(Grant::startsAt)).toList();
            int n = ordersOf(plan);
            assertThat(periods).as("periods of %s", plan).hasSize(n);
            Instant expectedStart = paidAt;
            Duration total = Duration.ZERO;
            for (Grant g : periods) {
                assertThat(g.startsAt()).as("start of %s (%s)", g.id(), plan).isEqualTo(expectedStart);
                assertThat(g.endsAt()).isEqualTo(period.endOf(g.startsAt()));
                assertThat(returned.get(g.order())).containsExactly(g.id());
                total = total.plus(Duration.between(g.startsAt(), g.endsAt()));
                expectedStart = g.endsAt();
            }
            assertThat(expectedStart).isEqualTo(endOfPeriods(n));
            assertThat(total).isEqualTo(Duration.between(paidAt, endOfPeriods(n)));
        }
    }
}
