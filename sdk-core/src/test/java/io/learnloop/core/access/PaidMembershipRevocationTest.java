package io.learnloop.core.access;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A membership period paid by an order line ends when that line is refunded in full or the order charged back. */
class PaidMembershipRevocationTest {
    private static final UserId LENA = UserId.of("lena");
    private static final OrderId ORDER = OrderId.of("order-7");
    private static final OfferId PLAN = OfferId.of("plan-pro");
    private static final Duration MONTH = Duration.ofDays(30);

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final TrustedAccess trusted = new TrustedAccess(f.learnloop);
    private final Course java = f.published("Java");
    private final Course sql = f.published("SQL");
    private final Course go = f.published("Go");
    private final Instant start = f.clock.instant();

    private GrantRequest paidPeriod(OrderId order, String line, CourseId... courses) {
        return GrantRequest.membership(LENA, order, line, PLAN, List.of(courses), List.of(), start, start.plus(MONTH));
    }

    private List<DomainEvent> revokedEvents() {
        return f.events.stream().filter(e -> e.type().equals(EventTypes.ACCESS_REVOKED)).toList();
    }

    private Instant insidePeriod() {
        return start.plus(Duration.ofDays(10));
    }

    @Test
    void grant_whenMembershipPaidByOrderLine_recordsTheOrderAndLine() {
        Grant g = trusted.grant(paidPeriod(ORDER, "line-1", java.id()));

        assertThat(g.source()).isEqualTo(GrantSource.MEMBERSHIP);
        assertThat(g.order()).isEqualTo(ORDER);
        assertThat(g.orderLine()).isEqualTo("line-1");
        assertThat(g.sourceKey()).isEqualTo("membership:lena:plan-pro:" + start + ":order:order-7:line-1");
        assertThat(access.decideCourse(LENA, java.id(), insidePeriod()).reason()).isEqualTo(AccessReason.MEMBERSHIP);
    }

    @Test
    void grant_whenSamePaidPeriodArrivesTwice_yieldsOneGrant() {
        Grant first = trusted.grant(paidPeriod(ORDER, "line-1", java.id()));
        f.advance(Duration.ofMinutes(5));

        Grant again = trusted.grant(paidPeriod(ORDER, "line-1", java.id()));
        Grant otherOrder = trusted.grant(paidPeriod(OrderId.of("order-8"), "line-1", java.id()));

        assertThat(again).isEqualTo(first);
        // another order paying for the same period is its own source: each refund ends only what it paid for
        assertThat(otherOrder.id()).isNotEqualTo(first.id());
        assertThat(access.grantsOf(LENA)).containsExactly(first, otherOrder);
    }

    @Test
    void revokeRefund_whenMembershipLineRefunded_endsThePeriodAndLeavesOtherGrants() {
        Grant membership = trusted.grant(paidPeriod(ORDER, "line-1", java.id()));
        Grant purchase = trusted.grant(GrantRequest.purchase(LENA, ORDER, "line-2", List.of(sql.id()), start, null));
        Grant hostPeriod = trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-lite"), List.of(go.id()),
                List.of(), start, start.plus(MONTH)));
        Grant otherOrder = trusted.grant(GrantRequest.membership(LENA, OrderId.of("order-8"), "line-1",
                OfferId.of("plan-lite"), List.of(go.id()), List.of(), start.plusSeconds(1), start.plus(MONTH)));
        f.advance(Duration.ofDays(3));

        List<Grant> revoked = trusted.revokeRefund(ORDER, "line-1", "refund-3");

        assertThat(revoked).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo(membership.id());
            assertThat(g.revocation().reason()).isEqualTo(RevocationReason.REFUND);
            assertThat(g.revocation().reference()).isEqualTo("refund-3");
            assertThat(g.revocation().revokedAt()).isEqualTo(f.clock.instant());
        });
        assertThat(access.hasAccess(LENA, java.id(), insidePeriod())).isFalse();
        assertThat(access.decideCourse(LENA, java.id(), insidePeriod()))
                .isEqualTo(AccessDecision.of(AccessReason.REVOKED, java.id(), null, membership.id(), null));
        // before the refund the period still counted
        assertThat(access.hasAccess(LENA, java.id(), start.plus(Duration.ofDays(1)))).isTrue();
        assertThat(access.hasAccess(LENA, sql.id(), insidePeriod())).isTrue();
        assertThat(access.hasAccess(LENA, go.id(), insidePeriod())).isTrue();
        for (Grant untouched : List.of(purchase, hostPeriod, otherOrder)) {
            assertThat(access.grantById(untouched.id()).revocation()).isNull();
        }
        assertThat(revokedEvents()).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("learner", "lena").containsEntry("course", java.id().value())
                .containsEntry("grant", membership.id().value()).containsEntry("source", "MEMBERSHIP")
                .containsEntry("reason", "REFUND").containsEntry("reference", "refund-3"));
    }

    @Test
    void revokeRefund_whenMembershipLineRefundedAgain_changesNothingMore() {
        trusted.grant(paidPeriod(ORDER, "line-1", java.id()));
        List<Grant> first = trusted.revokeRefund(ORDER, "line-1", "refund-3");
        f.advance(Duration.ofHours(1));

        List<Grant> again = trusted.revokeRefund(ORDER, "line-1", "refund-3-retry");

        assertThat(again).isEqualTo(first);
        assertThat(again).singleElement().satisfies(g -> assertThat(g.revocation().reference()).isEqualTo("refund-3"));
        assertThat(revokedEvents()).hasSize(1);
    }

    @Test
    void revokeRefund_whenMembershipCoversCategories_emitsOneRevokedEventPerCategory() {
        Grant g = trusted.grant(GrantRequest.membership(LENA, ORDER, "line-1", PLAN, List.of(),
                List.of("programming", "design"), start, start.plus(MONTH)));

        trusted.revokeRefund(ORDER, "line-1", "refund-3");

        assertThat(access.entitledCourses(LENA, insidePeriod())).isEmpty();
        assertThat(revokedEvents()).extracting(e -> e.data().get("category")).containsExactly("programming", "design");
        assertThat(revokedEvents()).allSatisfy(e -> assertThat(e.data()).containsEntry("grant", g.id().value())
                .containsEntry("reason", "REFUND"));
    }

    @Test
    void revokeChargeback_whenOrderPaidForMembership_endsThePeriodAndThePurchase() {
        trusted.grant(paidPeriod(ORDER, "line-1", java.id()));
        trusted.grant(GrantRequest.purchase(LENA, ORDER, "line-2", List.of(sql.id()), start, null));
        Grant hostPeriod = trusted.grant(GrantRequest.membership(LENA, OfferId.of("plan-lite"), List.of(go.id()),
                List.of(), start, start.plus(MONTH)));

        List<Grant> revoked = access.revokeChargeback(Staff.FINANCE, ORDER, "dispute-1");

        assertThat(revoked).hasSize(2).allSatisfy(g ->
                assertThat(g.revocation().reason()).isEqualTo(RevocationReason.CHARGEBACK));
        assertThat(revoked).extracting(Grant::source)
                .containsExactlyInAnyOrder(GrantSource.MEMBERSHIP, GrantSource.PURCHASE);
        assertThat(access.entitledCourses(LENA, insidePeriod())).containsExactly(go.id());
        assertThat(access.grantById(hostPeriod.id()).revocation()).isNull();
    }

    @Test
    void grantRequest_whenOrderAndLineDisagreeWithTheSource_namesTheFields() {
        Instant end = start.plus(MONTH);
        assertThat(fieldsOf(() -> new GrantRequest(LENA, GrantSource.MEMBERSHIP, null, "line-1", PLAN, null,
                List.of(java.id()), List.of(), start, end))).containsExactly("order");
        assertThat(fieldsOf(() -> GrantRequest.membership(LENA, ORDER, " ", PLAN, List.of(java.id()), List.of(),
                start, end))).containsExactly("orderLine");
        assertThat(fieldsOf(() -> new GrantRequest(LENA, GrantSource.MANUAL, ORDER, "line-1", null, "ticket",
                List.of(java.id()), List.of(), start, null))).containsExactly("order", "orderLine");
        assertThat(fieldsOf(() -> new GrantRequest(LENA, GrantSource.FREE, ORDER, null, null, null,
                List.of(java.id()), List.of(), start, null))).containsExactly("order");
        assertThat(access.grantsOf(LENA)).isEmpty();
    }

    @Test
    void fromJson_whenMembershipGrantStoredWithoutOrder_readsWithNullOrderAndKeepsItsKey() {
        // a record as stored before membership periods named their order: no order fields at all
        String stored = "{\"id\":\"g-1\",\"learner\":\"lena\",\"source\":\"MEMBERSHIP\","
                + "\"sourceKey\":\"membership:lena:plan-pro:2026-03-01T10:15:30Z\",\"plan\":\"plan-pro\","
                + "\"courses\":[\"c-1\"],\"categories\":[],\"startsAt\":\"2026-03-01T10:15:30Z\","
                + "\"endsAt\":\"2026-03-31T10:15:30Z\",\"grantedAt\":\"2026-03-01T10:15:30Z\"}";

        Grant g = LearnloopJson.fromJson(stored, Grant.class);

        assertThat(g.order()).isNull();
        assertThat(g.orderLine()).isNull();
        assertThat(g.revocation()).isNull();
        assertThat(g.sourceKey()).isEqualTo(GrantRequest.membership(LENA, PLAN, List.of(CourseId.of("c-1")),
                List.of(), Instant.parse("2026-03-01T10:15:30Z"), Instant.parse("2026-03-31T10:15:30Z")).sourceKey());
        GrantRequest paid = GrantRequest.membership(LENA, ORDER, "line-1", PLAN, List.of(CourseId.of("c-1")),
                List.of(), start, start.plus(MONTH));
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(paid), GrantRequest.class)).isEqualTo(paid);
    }

    @Test
    void revokeRefund_whenMembershipNamesNoOrder_leavesItGranted() {
        Grant g = trusted.grant(GrantRequest.membership(LENA, PLAN, List.of(java.id()), List.of(), start,
                start.plus(MONTH)));

        assertThat(g.order()).isNull();
        assertThat(g.sourceKey()).isEqualTo("membership:lena:plan-pro:" + start);
        assertThat(trusted.revokeRefund(ORDER, "line-1", "refund-3")).isEmpty();
        assertThat(access.hasAccess(LENA, java.id(), insidePeriod())).isTrue();
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
