package io.learnloop.core.access;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A renewal starts where the learner's latest live period of the same plan ends, or at the payment time. */
class MembershipPeriodsTest {
    private static final UserId LENA = UserId.of("lena");
    private static final OfferId PRO = OfferId.of("plan-pro");
    private static final OfferId LITE = OfferId.of("plan-lite");
    private static final Duration MONTH = Duration.ofDays(30);

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final TrustedAccess trusted = new TrustedAccess(f.learnloop);
    private final Course java = f.published("Java");
    private final Instant t0 = f.clock.instant();

    private Grant period(OfferId plan, String order, Instant start) {
        return trusted.grant(GrantRequest.membership(LENA, OrderId.of(order), "line-1", plan, List.of(java.id()),
                List.of(), start, start.plus(MONTH)));
    }

    @Test
    void nextStart_whenNoGrants_isThePaymentTime() {
        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, t0)).isEqualTo(t0);
    }

    @Test
    void nextStart_whenPaidBeforeThePeriodEnds_isTheLatestEnd() {
        Grant first = period(PRO, "o-1", t0);
        Grant second = period(PRO, "o-2", first.endsAt());
        Instant paidAt = first.endsAt().minus(Duration.ofDays(3));

        // the second period has not started yet, but it is live: the third stacks after it
        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, paidAt)).isEqualTo(second.endsAt());
        assertThat(MembershipPeriods.nextStart(List.of(second, first), PRO, paidAt)).isEqualTo(second.endsAt());
    }

    @Test
    void nextStart_whenThePeriodsHaveEnded_isThePaymentTime() {
        Grant first = period(PRO, "o-1", t0);
        Instant lapsed = first.endsAt().plus(Duration.ofDays(4));

        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, lapsed)).isEqualTo(lapsed);
        // a period ending exactly at the payment time no longer counts
        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, first.endsAt())).isEqualTo(first.endsAt());
    }

    @Test
    void nextStart_whenOnlyOtherPlansOrOtherSourcesAreLive_isThePaymentTime() {
        period(LITE, "o-1", t0);
        trusted.grant(GrantRequest.purchase(LENA, OrderId.of("o-2"), "line-1", List.of(java.id()), t0,
                t0.plus(Duration.ofDays(90))));
        access.grant(Actor.of("root", Role.ADMIN), GrantRequest.manual(LENA, List.of(java.id()), "ticket-1", t0,
                t0.plus(Duration.ofDays(90))));
        Instant paidAt = t0.plus(Duration.ofDays(5));

        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, paidAt)).isEqualTo(paidAt);
        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), LITE, paidAt)).isEqualTo(t0.plus(MONTH));
    }

    @Test
    void nextStart_whenTheLivePeriodWasRevoked_ignoresIt() {
        Grant first = period(PRO, "o-1", t0);
        Grant second = period(PRO, "o-2", first.endsAt());
        trusted.revokeRefund(OrderId.of("o-2"), "line-1", "refund-1");
        Instant paidAt = t0.plus(Duration.ofDays(10));

        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, paidAt)).isEqualTo(first.endsAt());
        assertThat(second.endsAt()).isAfter(first.endsAt());
    }

    @Test
    void nextStart_whenHostPeriodWithoutOrderIsLive_stacksAfterIt() {
        Grant host = trusted.grant(GrantRequest.membership(LENA, PRO, List.of(java.id()), List.of(), t0,
                t0.plus(MONTH)));

        assertThat(MembershipPeriods.nextStart(access.grantsOf(LENA), PRO, t0.plusSeconds(1))).isEqualTo(host.endsAt());
    }

    @Test
    void nextStart_whenArgumentMissing_namesIt() {
        assertThatThrownBy(() -> MembershipPeriods.nextStart(null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                        .contains("grants").contains("plan").contains("paidAt"));
    }
}
