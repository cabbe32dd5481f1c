package io.learnloop.core.access;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.learnloop.core.catalog.CatalogFixture.ADMIN;
import static io.learnloop.core.catalog.CatalogFixture.CREATOR;
import static io.learnloop.core.catalog.CatalogFixture.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessDecisionTest {
    private static final UserId LENA = UserId.of("lena");
    private static final Duration DAY = Duration.ofDays(1);

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final TrustedAccess trusted = new TrustedAccess(f.learnloop);
    private final Course course = f.published("Java");
    private final LessonId preview = course.published().lessons().get(0).id();
    private final LessonId paid = course.published().lessons().get(1).id();

    private Instant now() {
        return f.clock.instant();
    }

    private Grant buy(CourseId c, String line, Instant endsAt) {
        return trusted.grant(GrantRequest.purchase(LENA, OrderId.of("order-1"), line, List.of(c), now(), endsAt));
    }

    private AccessDecision decide(LessonId lesson) {
        return access.decide(LENA, lesson, now());
    }

    @Test
    void decide_whenLessonIsFreePreview_allowsEveryone() {
        AccessDecision d = decide(preview);

        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(AccessReason.FREE_PREVIEW);
        assertThat(d.course()).isEqualTo(course.id());
        assertThat(d.lesson()).isEqualTo(preview);
        assertThat(d.grant()).isNull();
    }

    @Test
    void decide_withoutGrant_deniesAsNotEntitled() {
        AccessDecision d = decide(paid);

        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(AccessReason.NOT_ENTITLED);
    }

    @Test
    void decide_afterPurchase_allowsAsPurchased() {
        Grant g = buy(course.id(), "line-1", null);

        AccessDecision d = decide(paid);

        assertThat(d.reason()).isEqualTo(AccessReason.PURCHASED);
        assertThat(d.allowed()).isTrue();
        assertThat(d.grant()).isEqualTo(g.id());
        assertThat(d.until()).isNull();
        assertThat(access.decide(LENA, preview, now()).reason()).isEqualTo(AccessReason.PURCHASED);
    }

    @Test
    void decide_withMembershipCoveringTheCategory_allowsAsMembership() {
        Instant end = now().plus(Duration.ofDays(30));
        Grant g = trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-pro"), List.of(),
                List.of("programming"), now(), end));

        AccessDecision d = decide(paid);

        assertThat(d.reason()).isEqualTo(AccessReason.MEMBERSHIP);
        assertThat(d.grant()).isEqualTo(g.id());
        assertThat(d.until()).isEqualTo(end);
    }

    @Test
    void decide_withMembershipNamingTheCourseAndItsCategory_allowsOnceAsMembership() {
        Grant g = trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-pro"), List.of(course.id()),
                List.of("programming", "design"), now(), now().plus(DAY)));

        assertThat(decide(paid)).isEqualTo(AccessDecision.of(AccessReason.MEMBERSHIP, course.id(), paid, g.id(),
                now().plus(DAY)));
        assertThat(access.entitledCourses(LENA, now())).containsExactly(course.id());
    }

    @Test
    void decide_withMembershipOfAnotherCategory_deniesAsNotEntitled() {
        trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-design"), List.of(), List.of("design"), now(),
                now().plus(DAY)));

        assertThat(decide(paid).reason()).isEqualTo(AccessReason.NOT_ENTITLED);
    }

    @Test
    void decide_withMembershipListingOtherCourses_deniesAsNotEntitled() {
        Course other = f.published("Other");
        trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-lite"), List.of(other.id()), List.of(),
                now(), now().plus(DAY)));

        assertThat(decide(paid).reason()).isEqualTo(AccessReason.NOT_ENTITLED);
        assertThat(access.decide(LENA, other.published().lessons().get(1).id(), now()).reason())
                .isEqualTo(AccessReason.MEMBERSHIP);
    }

    @Test
    void decide_afterMembershipPeriodEnds_deniesAsExpired() {
        Instant end = now().plus(Duration.ofDays(30));
        Grant g = trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-pro"), List.of(course.id()),
                List.of(), now(), end));

        AccessDecision before = access.decide(LENA, paid, end.minusSeconds(1));
        AccessDecision atEnd = access.decide(LENA, paid, end);

        assertThat(before.reason()).isEqualTo(AccessReason.MEMBERSHIP);
        assertThat(atEnd.reason()).isEqualTo(AccessReason.EXPIRED);
        assertThat(atEnd.allowed()).isFalse();
        assertThat(atEnd.grant()).isEqualTo(g.id());
    }

    @Test
    void decide_beforeGrantStarts_deniesAsNotEntitled() {
        trusted.grant(GrantRequest.purchase(LENA, OrderId.of("o-later"), "l", List.of(course.id()),
                now().plus(DAY), null));

        assertThat(decide(paid).reason()).isEqualTo(AccessReason.NOT_ENTITLED);
        assertThat(access.decide(LENA, paid, now().plus(DAY)).reason()).isEqualTo(AccessReason.PURCHASED);
    }

    @Test
    void decide_withFreeEnrolment_allowsAsGranted() {
        trusted.grant(GrantRequest.free(LENA, course.id(), now()));

        assertThat(decide(paid).reason()).isEqualTo(AccessReason.GRANTED);
    }

    @Test
    void decide_withManualGrant_allowsAsGranted() {
        Grant g = access.grant(ADMIN, GrantRequest.manual(LENA, List.of(course.id()), "ticket-42", now(),
                now().plus(DAY)));

        assertThat(g.grantedBy()).isEqualTo(ADMIN.id());
        assertThat(decide(paid).reason()).isEqualTo(AccessReason.GRANTED);
    }

    @Test
    void decide_afterRefund_deniesAsRevokedButAnsweredHistoricallyBeforeIt() {
        buy(course.id(), "line-1", null);
        Instant beforeRefund = now();
        f.advance(DAY);

        trusted.revokeRefund(OrderId.of("order-1"), "line-1", "refund-9");

        AccessDecision d = decide(paid);
        assertThat(d.reason()).isEqualTo(AccessReason.REVOKED);
        assertThat(d.allowed()).isFalse();
        assertThat(access.decide(LENA, paid, beforeRefund).reason()).isEqualTo(AccessReason.PURCHASED);
        // A free preview stays open to everyone, refunded or not.
        assertThat(decide(preview).reason()).isEqualTo(AccessReason.FREE_PREVIEW);
    }

    @Test
    void decide_whenCourseWasNeverPublished_deniesAsCourseUnpublished() {
        Course draft = f.draft("Draft");
        LessonId lesson = draft.draft().lessons().get(0).id();
        access.grant(ADMIN, GrantRequest.manual(LENA, List.of(draft.id()), "early-access", now(), null));

        AccessDecision d = decide(lesson);

        assertThat(d.reason()).isEqualTo(AccessReason.COURSE_UNPUBLISHED);
        assertThat(d.course()).isEqualTo(draft.id());
        assertThat(access.decideCourse(LENA, draft.id(), now()).reason()).isEqualTo(AccessReason.COURSE_UNPUBLISHED);
    }

    @Test
    void decide_whenLessonIsOnlyInTheDraftVersion_deniesAsCourseUnpublished() {
        buy(course.id(), "line-1", null);
        LessonId added = f.catalog.addLesson(CREATOR, course.id(), course.published().chapters().get(0).id(),
                CatalogFixture.lesson("bonus", true)).id();

        assertThat(decide(added).reason()).isEqualTo(AccessReason.COURSE_UNPUBLISHED);
    }

    @Test
    void decide_whenCourseIsArchived_keepsBuyersButClosesPreviews() {
        buy(course.id(), "line-1", null);
        f.catalog.archive(CREATOR, course.id());

        assertThat(decide(paid).reason()).isEqualTo(AccessReason.PURCHASED);
        UserId stranger = UserId.of("stranger");
        assertThat(access.decide(stranger, preview, now()).reason()).isEqualTo(AccessReason.COURSE_UNPUBLISHED);
        assertThat(access.decide(stranger, paid, now()).reason()).isEqualTo(AccessReason.COURSE_UNPUBLISHED);
    }

    @Test
    void decide_whenCourseIsUnlisted_keepsPreviewsOpen() {
        f.catalog.unlist(CREATOR, course.id());

        assertThat(decide(preview).reason()).isEqualTo(AccessReason.FREE_PREVIEW);
    }

    @Test
    void decide_afterVersionTwoIsPublished_buyerOfVersionOneKeepsAccess() {
        buy(course.id(), "line-1", null);
        f.advance(DAY);
        LessonId added = f.catalog.addLesson(CREATOR, course.id(), course.published().chapters().get(0).id(),
                CatalogFixture.lesson("bonus", false)).id();
        f.catalog.updateLesson(CREATOR, course.id(), paid, CatalogFixture.lesson("deep-dive, revised", false));
        f.catalog.submit(CREATOR, course.id());
        assertThat(decide(paid).reason()).isEqualTo(AccessReason.PURCHASED);

        Course v2 = f.catalog.approve(REVIEWER, course.id());

        assertThat(v2.published().version()).isEqualTo(2);
        assertThat(decide(paid).reason()).isEqualTo(AccessReason.PURCHASED);
        assertThat(decide(added).reason()).isEqualTo(AccessReason.PURCHASED);
        assertThat(access.decide(UserId.of("stranger"), added, now()).reason()).isEqualTo(AccessReason.NOT_ENTITLED);
    }

    @Test
    void decide_afterVersionTwoThenRefund_losesAccess() {
        buy(course.id(), "line-1", null);
        f.catalog.editDetails(CREATOR, course.id(), CatalogFixture.details("Java 2"));
        f.catalog.submit(CREATOR, course.id());
        f.catalog.approve(REVIEWER, course.id());
        f.advance(DAY);

        trusted.revokeRefund(OrderId.of("order-1"), "line-1", "refund-1");

        assertThat(decide(paid).reason()).isEqualTo(AccessReason.REVOKED);
        assertThat(access.hasAccess(LENA, course.id(), now())).isFalse();
    }

    @Test
    void decide_withPurchaseAndMembership_prefersThePurchase() {
        trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan"), List.of(), List.of("programming"), now(),
                now().plus(DAY)));
        Grant bought = buy(course.id(), "line-1", null);

        AccessDecision d = decide(paid);

        assertThat(d.reason()).isEqualTo(AccessReason.PURCHASED);
        assertThat(d.grant()).isEqualTo(bought.id());
    }

    @Test
    void decide_whenLessonIsUnknown_isNotFound() {
        assertThatThrownBy(() -> decide(LessonId.of("nope"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("lesson");
    }

    @Test
    void decideCourse_andHasAccess_ignoreFreePreviews() {
        assertThat(access.decideCourse(LENA, course.id(), now()).reason()).isEqualTo(AccessReason.NOT_ENTITLED);
        assertThat(access.hasAccess(LENA, course.id(), now())).isFalse();

        buy(course.id(), "line-1", now().plus(DAY));

        AccessDecision d = access.decideCourse(LENA, course.id(), now());
        assertThat(d.reason()).isEqualTo(AccessReason.PURCHASED);
        assertThat(d.lesson()).isNull();
        assertThat(access.hasAccess(LENA, course.id(), now())).isTrue();
        assertThat(access.hasAccess(LENA, course.id(), now().plus(DAY))).isFalse();
    }

    @Test
    void entitledCourses_listsActiveGrantsByIdAndCategory() {
        Course other = f.published("Other");
        Course third = f.published("Third");
        Course unpublished = f.draft("Unpublished");
        buy(third.id(), "line-3", now().plus(DAY));
        access.grant(ADMIN, GrantRequest.manual(LENA, List.of(unpublished.id()), "t-1", now(), null));
        trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan"), List.of(), List.of("programming"),
                now(), now().plus(Duration.ofDays(30))));

        assertThat(access.entitledCourses(LENA, now()))
                .containsExactlyElementsOf(List.of(course.id(), other.id(), third.id()).stream()
                        .sorted(java.util.Comparator.comparing(CourseId::value)).toList());
        assertThat(access.entitledCourses(LENA, now().plus(Duration.ofDays(31)))).isEmpty();
        assertThat(access.entitledCourses(UserId.of("nobody"), now())).isEmpty();
    }
}
