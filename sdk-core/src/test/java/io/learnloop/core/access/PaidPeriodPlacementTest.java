package io.learnloop.core.access;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.testing.RenewalRace;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paid membership periods placed by the ledger ({@link GrantRequest#paidPeriod}): renewals stack, different orders
 * paid at the same instant on many threads come out back to back, replays keep the line's grant.
 */
class PaidPeriodPlacementTest {
    private static final UserId LENA = UserId.of("lena");
    private static final OfferId PRO = OfferId.of("plan-pro");
    private static final OfferId LITE = OfferId.of("plan-lite");
    private static final MembershipPeriod MONTH = MembershipPeriod.MONTH;

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final Course java = f.published("Java");

    private Grant pay(String order, OfferId plan) {
        return new TrustedAccess(f.learnloop).grant(GrantRequest.paidPeriod(LENA, OrderId.of(order), "line-1", plan, List.of(java.id()),
                List.of(), f.clock.instant(), MONTH));
    }

    private RenewalRace race(List<OfferId> plans) {
        // paid on the 5th, so calendar months laid end to end never clamp a day
        return new RenewalRace(LENA, plans, List.of(java.id()), List.of("programming"), f.clock.instant(), MONTH, 8,
                25);
    }

    @Test
    void grant_whenNothingIsLive_startsAtThePaymentTime() {
        Grant g = pay("o-1", PRO);

        assertThat(g.startsAt()).isEqualTo(f.clock.instant());
        assertThat(g.endsAt()).isEqualTo(MONTH.endOf(f.clock.instant()));
        assertThat(g.order()).isEqualTo(OrderId.of("o-1"));
        assertThat(g.sourceKey()).isEqualTo("membership:lena:plan-pro:" + g.startsAt() + ":order:o-1:line-1");
    }

    @Test
    void grant_whenRenewedEarly_startsWhereTheLatestLivePeriodEnds() {
        Grant first = pay("o-1", PRO);
        f.advance(Duration.ofDays(10));

        Grant second = pay("o-2", PRO);
        Grant third = pay("o-3", PRO);

        assertThat(second.startsAt()).isEqualTo(first.endsAt());
        assertThat(third.startsAt()).isEqualTo(second.endsAt());
        assertThat(third.endsAt()).isEqualTo(MONTH.endOf(second.endsAt()));
    }

    @Test
    void grant_whenPlacedLineIsGrantedAgainWithExplicitDates_returnsTheLinesGrant() {
        Grant placed = pay("o-1", PRO);
        f.advance(Duration.ofDays(3));
        Instant other = f.clock.instant();

        // the same paying line again, with dates a host computed itself: one payment, one period
        Grant again = new TrustedAccess(f.learnloop).grant(GrantRequest.membership(LENA, OrderId.of("o-1"), "line-1", PRO,
                List.of(java.id()), List.of(), other, MONTH.endOf(other)));
        Grant next = pay("o-2", PRO);

        assertThat(again).isEqualTo(placed);
        assertThat(access.grantsOf(LENA)).containsExactly(placed, next);
        assertThat(next.startsAt()).isEqualTo(placed.endsAt());
    }

    @Test
    void grant_whenLineGrantedWithExplicitDatesIsPaidAgain_keepsTheExplicitGrant() {
        Instant start = f.clock.instant();
        Grant imported = new TrustedAccess(f.learnloop).grant(GrantRequest.membership(LENA, OrderId.of("o-1"), "line-1", PRO,
                List.of(java.id()), List.of(), start, MONTH.endOf(start)));
        f.advance(Duration.ofDays(3));

        Grant replayed = pay("o-1", PRO);
        Grant explicitAgain = new TrustedAccess(f.learnloop).grant(GrantRequest.membership(LENA, OrderId.of("o-1"), "line-1", PRO,
                List.of(java.id()), List.of(), f.clock.instant(), MONTH.endOf(f.clock.instant())));

        assertThat(replayed).isEqualTo(imported);
        assertThat(explicitAgain).isEqualTo(imported);
        assertThat(access.grantsOf(LENA)).containsExactly(imported);
    }

    @Test
    void grant_when8ThreadsSettle200DifferentOrdersAtOneInstant_placesThemBackToBack() throws Exception {
        RenewalRace race = race(List.of(PRO));

        Map<OrderId, Set<GrantId>> returned = race.run(List.of(f.learnloop), "o");

        race.assertPlaced(returned, access.grantsOf(LENA));
        assertThat(f.events.stream().filter(e -> e.type().equals(EventTypes.ACCESS_GRANTED)))
                .as("one grant per order line, each covering a course and a category").hasSize(2 * 200);
        Instant last = race.endOfPeriods(200);
        assertThat(access.hasAccess(LENA, java.id(), last.minusSeconds(1))).isTrue();
        assertThat(access.hasAccess(LENA, java.id(), last)).isFalse();
    }

    @Test
    void grant_whenTwoPlansAreSettledAtOnce_stacksEachPlanOnItsOwnPeriods() throws Exception {
        RenewalRace race = race(List.of(PRO, LITE));

        Map<OrderId, Set<GrantId>> returned = race.run(List.of(f.learnloop), "o");

        // each plan gets 100 periods from the payment time: the other plan's periods never move its start
        race.assertPlaced(returned, access.grantsOf(LENA));
        assertThat(race.ordersOf(PRO)).isEqualTo(100);
        assertThat(race.ordersOf(LITE)).isEqualTo(100);
    }

    @Test
    void grant_whenLineReplayedAfterLaterPeriods_returnsTheLinesGrantWithItsDates() {
        Grant first = pay("o-1", PRO);
        f.advance(Duration.ofDays(3));
        Grant second = pay("o-2", PRO);
        f.advance(Duration.ofDays(40));

        Grant replayFirst = pay("o-1", PRO);
        Grant replaySecond = pay("o-2", PRO);

        assertThat(replayFirst).isEqualTo(first);
        assertThat(replaySecond).isEqualTo(second);
        assertThat(access.grantsOf(LENA)).containsExactly(first, second);
    }

    @Test
    void grant_whenLineReplayedForAnotherPlan_isAConflict() {
        pay("o-1", PRO);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pay("o-1", LITE))
                .isInstanceOf(io.learnloop.core.error.ConflictException.class)
                .hasMessageContaining("plan-pro");
        assertThat(access.grantsOf(LENA)).hasSize(1);
    }

    @Test
    void grant_whenAPeriodWithFixedDatesIsLive_stacksAfterIt() {
        Grant host = new TrustedAccess(f.learnloop).grant(GrantRequest.membership(LENA, PRO, List.of(java.id()), List.of(),
                f.clock.instant(), f.clock.instant().plus(Duration.ofDays(7))));

        Grant paid = pay("o-1", PRO);

        assertThat(paid.startsAt()).isEqualTo(host.endsAt());
    }

    @Test
    void paidPeriod_whenFieldsDisagreeWithThePeriod_namesThem() {
        Instant t = f.clock.instant();
        assertThat(fieldsOf(() -> new GrantRequest(LENA, GrantSource.PURCHASE, OrderId.of("o"), "l", null, null,
                List.of(java.id()), List.of(), t, null, MONTH))).containsExactly("period");
        assertThat(fieldsOf(() -> new GrantRequest(LENA, GrantSource.MEMBERSHIP, null, null, PRO, null,
                List.of(java.id()), List.of(), t, null, MONTH))).containsExactly("order");
        assertThat(fieldsOf(() -> new GrantRequest(LENA, GrantSource.MEMBERSHIP, OrderId.of("o"), "l", PRO, null,
                List.of(java.id()), List.of(), t, t.plus(Duration.ofDays(30)), MembershipPeriod.YEAR)))
                .containsExactly("endsAt");
        assertThat(access.grantsOf(LENA)).isEmpty();
    }

    @Test
    void paidPeriod_whenWrittenAndRead_isEqual() {
        GrantRequest request = GrantRequest.paidPeriod(LENA, OrderId.of("o-1"), "line-1", PRO, List.of(java.id()),
                List.of("programming"), f.clock.instant(), MembershipPeriod.QUARTER);

        assertThat(request.endsAt()).isEqualTo(MembershipPeriod.QUARTER.endOf(f.clock.instant()));
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(request), GrantRequest.class)).isEqualTo(request);
    }

    private static List<String> fieldsOf(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.fields();
        }
        throw new AssertionError("expected a ValidationException");
    }
}
