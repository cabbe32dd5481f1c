package io.learnloop.core.internal.access;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-learner-and-plan head that grants and revocations of membership periods pass through: it follows the
 * periods, and refunds are consistent with it.
 */
class MembershipTimelineTest {
    private static final UserId LENA = UserId.of("lena");
    private static final OfferId PRO = OfferId.of("plan-pro");
    private static final MembershipPeriod MONTH = MembershipPeriod.MONTH;

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final Course java = f.published("Java");

    private Grant pay(String order) {
        return new TrustedAccess(f.learnloop).grant(GrantRequest.paidPeriod(LENA, OrderId.of(order), "line-1", PRO, List.of(java.id()),
                List.of(), f.clock.instant(), MONTH));
    }

    private Versioned<MembershipTimeline> head() {
        return f.learnloop.context().read(uow -> uow.get(AccessTypes.TIMELINE, MembershipTimeline.idOf(LENA, PRO)));
    }

    private boolean javaAt(Instant at) {
        return access.hasAccess(LENA, java.id(), at);
    }

    @Test
    void grant_whenPeriodsArePaid_movesTheHeadToTheLatestEnd() {
        Grant first = pay("o-1");
        assertThat(head().value().end()).isEqualTo(first.endsAt());
        long version = head().version();
        f.advance(Duration.ofDays(2));

        Grant second = pay("o-2");
        pay("o-2");

        assertThat(head().value()).isEqualTo(new MembershipTimeline(MembershipTimeline.idOf(LENA, PRO), LENA, PRO,
                second.endsAt(), f.clock.instant()));
        assertThat(head().version()).as("a replay changes nothing").isEqualTo(version + 1);
    }

    @Test
    void revokeRefund_whenMiddlePeriodRefunded_laterPeriodsKeepTheirDatesAndTheNextStacksAfterTheLast() {
        Grant first = pay("o-1");
        f.advance(Duration.ofDays(1));
        Grant middle = pay("o-2");
        Grant last = pay("o-3");
        f.advance(Duration.ofDays(1));

        new TrustedAccess(f.learnloop).revokeRefund(OrderId.of("o-2"), "line-1", "refund-2");

        assertThat(access.grantById(last.id())).isEqualTo(last);
        assertThat(head().value().end()).isEqualTo(last.endsAt());
        // the refunded month is a gap: its money went back, the periods around it stay as paid
        assertThat(javaAt(first.endsAt().minusSeconds(1))).isTrue();
        assertThat(javaAt(middle.startsAt())).isFalse();
        assertThat(javaAt(last.startsAt())).isTrue();
        Grant next = pay("o-4");
        assertThat(next.startsAt()).isEqualTo(last.endsAt());
    }

    @Test
    void revokeRefund_whenLatestPeriodRefunded_theHeadFallsBackAndTheNextStartsThere() {
        Grant first = pay("o-1");
        f.advance(Duration.ofDays(1));
        pay("o-2");

        new TrustedAccess(f.learnloop).revokeRefund(OrderId.of("o-2"), "line-1", "refund-2");

        assertThat(head().value().end()).isEqualTo(first.endsAt());
        assertThat(pay("o-3").startsAt()).isEqualTo(first.endsAt());
    }

    @Test
    void revokeChargeback_whenOneOrderPaidTheTwoLatestPeriods_theHeadFallsBackPastBoth() {
        Grant first = pay("o-1");
        OrderId twice = OrderId.of("o-2");
        for (String line : List.of("line-1", "line-2")) {
            new TrustedAccess(f.learnloop).grant(GrantRequest.paidPeriod(LENA, twice, line, PRO, List.of(java.id()), List.of(),
                    f.clock.instant(), MONTH));
        }
        assertThat(head().value().end()).isEqualTo(MONTH.endOf(MONTH.endOf(first.endsAt())));

        assertThat(access.revokeChargeback(Staff.FINANCE, twice, "dispute-2")).hasSize(2);

        assertThat(head().value().end()).isEqualTo(first.endsAt());
        assertThat(pay("o-3").startsAt()).isEqualTo(first.endsAt());
    }

    @Test
    void revoke_whenEveryPeriodIsRevoked_theHeadHasNoEndAndTheNextStartsAtPayment() {
        Grant first = pay("o-1");
        access.revokeChargeback(Staff.FINANCE, OrderId.of("o-1"), "dispute-1");
        assertThat(head().value().end()).isNull();
        Grant second = pay("o-2");
        f.advance(Duration.ofDays(1));

        access.revoke(CatalogFixture.ADMIN, second.id(), "ticket-9");

        assertThat(second.startsAt()).isEqualTo(first.startsAt());
        assertThat(head().value().end()).isNull();
        assertThat(head().value().changedAt()).isEqualTo(f.clock.instant());
        assertThat(pay("o-3").startsAt()).isEqualTo(f.clock.instant());
    }

    @Test
    void revokeRefund_whenRacingANewPayment_theNewPeriodOverlapsNoLivePeriod() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                int r = round;
                UserId learner = UserId.of("learner-" + r);
                Instant now = f.clock.instant();
                Grant first = new TrustedAccess(f.learnloop).grant(paid(learner, "r" + r + "-1", now));
                Grant second = new TrustedAccess(f.learnloop).grant(paid(learner, "r" + r + "-2", now));
                CountDownLatch go = new CountDownLatch(1);
                Future<Grant> renewal = pool.submit(() -> {
                    go.await();
                    return new TrustedAccess(f.learnloop).grant(paid(learner, "r" + r + "-3", now));
                });
                Future<List<Grant>> refund = pool.submit(() -> {
                    go.await();
                    return new TrustedAccess(f.learnloop).revokeRefund(second.order(), "line-1", "refund");
                });
                go.countDown();
                Grant third = renewal.get(30, TimeUnit.SECONDS);
                refund.get(30, TimeUnit.SECONDS);

                // either order of the two is a valid outcome; nothing else is
                assertThat(third.startsAt()).as("round %d", round).isIn(first.endsAt(), second.endsAt());
                Versioned<MembershipTimeline> head = f.learnloop.context().read(uow ->
                        uow.get(AccessTypes.TIMELINE, MembershipTimeline.idOf(learner, PRO)));
                assertThat(head.value().end()).isEqualTo(third.endsAt());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private GrantRequest paid(UserId learner, String order, Instant at) {
        return GrantRequest.paidPeriod(learner, OrderId.of(order), "line-1", PRO, List.of(java.id()), List.of(), at,
                MONTH);
    }

    @Test
    void idOf_whenIdsSplitDifferently_differs() {
        List<String> ids = new ArrayList<>();
        ids.add(MembershipTimeline.idOf(UserId.of("ab"), OfferId.of("c")));
        ids.add(MembershipTimeline.idOf(UserId.of("a"), OfferId.of("bc")));
        ids.add(MembershipTimeline.idOf(UserId.of("x".repeat(128)), OfferId.of("y".repeat(128))));

        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(255));
    }

    @Test
    void membershipTimeline_whenWrittenAndRead_isEqual() {
        MembershipTimeline head = new MembershipTimeline(MembershipTimeline.idOf(LENA, PRO), LENA, PRO,
                CatalogFixture.START.plus(Duration.ofDays(30)), CatalogFixture.START);
        MembershipTimeline empty = new MembershipTimeline(head.id(), LENA, PRO, null, CatalogFixture.START);

        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(head), MembershipTimeline.class)).isEqualTo(head);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(empty), MembershipTimeline.class)).isEqualTo(empty);
    }
}
