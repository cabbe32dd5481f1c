package io.learnloop.core.review;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.review.AccessEntitlementHistory;
import io.learnloop.core.learning.LearningFixture;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccessEntitlementHistoryTest {
    private final MutableClock clock = new MutableClock(LearningFixture.START);
    private final Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id")).build();
    private final CourseId course;
    private final EntitlementHistory history;

    AccessEntitlementHistoryTest() {
        Course c = learnloop.catalog().createCourse(Actor.of("ada", Role.CREATOR), new CourseDetails("Title", null,
                "Description", "en", "cooking", List.of(), CourseLevel.BEGINNER, "media://cover"));
        course = c.id();
        history = new AccessEntitlementHistory(learnloop.access(), id -> "cooking");
    }

    private PurchaseStanding standing(String learner) {
        return history.standing(UserId.of(learner), course);
    }

    @Test
    void standing_whenGrantsDiffer_countsOnlyPaidAndMembershipAccess() {
        assertThat(standing("nobody")).isEqualTo(PurchaseStanding.NONE);

        new TrustedAccess(learnloop).grant(GrantRequest.free(UserId.of("free"), course, clock.instant()));
        assertThat(standing("free")).isEqualTo(PurchaseStanding.NONE);

        new TrustedAccess(learnloop).grant(GrantRequest.purchase(UserId.of("buyer"), new OrderId("o1"), "l1", List.of(course),
                clock.instant(), clock.instant().plus(Duration.ofDays(1))));
        clock.advance(Duration.ofDays(2));
        assertThat(standing("buyer")).as("an expired purchase still counts").isEqualTo(PurchaseStanding.QUALIFYING);

        new TrustedAccess(learnloop).grant(GrantRequest.membership(UserId.of("member"), new OfferId("plan"), List.of(),
                List.of("cooking"), clock.instant(), clock.instant().plus(Duration.ofDays(30))));
        assertThat(standing("member")).isEqualTo(PurchaseStanding.QUALIFYING);
    }

    @Test
    void standing_whenThePurchaseIsRefunded_isRefundedUnlessAnotherEntitlementQualifies() {
        UserId ana = UserId.of("ana");
        new TrustedAccess(learnloop).grant(GrantRequest.purchase(ana, new OrderId("o1"), "l1", List.of(course), clock.instant(), null));
        new TrustedAccess(learnloop).revokeRefund(new OrderId("o1"), "l1", "refund-1");
        assertThat(standing("ana")).isEqualTo(PurchaseStanding.REFUNDED);

        new TrustedAccess(learnloop).grant(GrantRequest.membership(ana, new OfferId("plan"), List.of(course), List.of(),
                clock.instant(), clock.instant().plus(Duration.ofDays(30))));
        assertThat(standing("ana")).isEqualTo(PurchaseStanding.QUALIFYING);
    }
}
