package io.learnloop.core.internal.access;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.learnloop.core.catalog.CatalogFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store remembers what a decision derives from a lesson's course and a learner's grants; every
 * change to either must show in the very next decision.
 */
class RepeatedDecisionTest {
    private static final UserId LENA = UserId.of("lena");

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final Course course = f.published("Java");
    private final LessonId paid = course.published().lessons().get(1).id();

    private AccessReason decide() {
        return access.decide(LENA, paid, f.clock.instant()).reason();
    }

    @Test
    void decide_whenGrantsChangeBetweenDecisions_answersFromTheCurrentLedger() {
        assertThat(decide()).isEqualTo(AccessReason.NOT_ENTITLED);

        new TrustedAccess(f.learnloop).grant(GrantRequest.membership(LENA, OfferId.of("plan"), List.of(), List.of("programming"),
                f.clock.instant(), f.clock.instant().plus(Duration.ofDays(2))));
        assertThat(decide()).isEqualTo(AccessReason.MEMBERSHIP);

        new TrustedAccess(f.learnloop).grant(GrantRequest.purchase(LENA, OrderId.of("order-1"), "line-1", List.of(course.id()),
                f.clock.instant(), null));
        assertThat(decide()).isEqualTo(AccessReason.PURCHASED);

        new TrustedAccess(f.learnloop).revokeRefund(OrderId.of("order-1"), "line-1", "refund-1");
        assertThat(decide()).isEqualTo(AccessReason.MEMBERSHIP);

        f.advance(Duration.ofDays(3));
        assertThat(decide()).isEqualTo(AccessReason.REVOKED);
    }

    @Test
    void decide_whenTheCourseIsArchivedBetweenDecisions_seesTheNewStatus() {
        assertThat(decide()).isEqualTo(AccessReason.NOT_ENTITLED);

        f.catalog.archive(ADMIN, course.id());

        assertThat(decide()).isEqualTo(AccessReason.COURSE_UNPUBLISHED);
    }

    @Test
    void decide_forAnotherLearnerOfTheSameLesson_usesThatLearnersGrants() {
        new TrustedAccess(f.learnloop).grant(GrantRequest.purchase(LENA, OrderId.of("order-1"), "line-1", List.of(course.id()),
                f.clock.instant(), null));

        assertThat(decide()).isEqualTo(AccessReason.PURCHASED);
        assertThat(access.decide(UserId.of("otto"), paid, f.clock.instant()).reason())
                .isEqualTo(AccessReason.NOT_ENTITLED);
    }
}
