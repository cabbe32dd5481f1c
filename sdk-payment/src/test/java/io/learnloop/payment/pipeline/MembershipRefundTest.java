package io.learnloop.payment.pipeline;

import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.access.RevocationReason;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.money.Money;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.sandbox.SandboxNotification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Through the sandbox provider: a membership paid and then refunded or charged back loses the access it bought. */
class MembershipRefundTest {
    private static final Money PLAN_PRICE = Money.ofMinor(3000, "CNY");

    private final PipelineFixture p = new PipelineFixture();
    // a monthly plan covering the Java course by id and every programming course (SQL too) by category
    private final Offer plan = p.commerce.createOffer(PipelineFixture.ADMIN, OfferDraft.membership("Pro",
            PLAN_PRICE, new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(p.java.id()), List.of("programming"))));

    private void deliverAll() {
        for (SandboxNotification n : p.sandbox.deliverable()) {
            p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
        }
    }

    private Order paid(String key, Offer... offers) {
        Order order = p.order(key, offers);
        p.sandbox.pay(p.checkout(order));
        deliverAll();
        return p.commerce.order(PipelineFixture.FINANCE, order.id());
    }

    /** An instant well inside the first month, after the refund or chargeback. */
    private Instant insidePeriod() {
        return p.f.clock.instant().plus(Duration.ofDays(10));
    }

    private List<DomainEvent> revokedEvents() {
        return p.f.events.stream().filter(e -> e.type().equals(EventTypes.ACCESS_REVOKED)).toList();
    }

    private Grant membershipGrant(Order order) {
        return p.access.grantsOf(order.learner()).stream().filter(g -> g.source() == GrantSource.MEMBERSHIP)
                .filter(g -> order.id().equals(g.order())).findFirst().orElseThrow();
    }

    @Test
    void handleNotification_whenMembershipPaid_grantsThePeriodNamingItsOrderLine() {
        Order order = paid("k-m1", plan);
        deliverAll();

        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(p.access.grantsOf(order.learner())).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo(GrantSource.MEMBERSHIP);
            assertThat(g.order()).isEqualTo(order.id());
            assertThat(g.orderLine()).isEqualTo("line-1");
            assertThat(g.plan()).isEqualTo(plan.id());
            assertThat(g.endsAt()).isEqualTo(MembershipPeriod.MONTH.endOf(g.startsAt()));
        });
        assertThat(p.access.decideCourse(order.learner(), p.java.id(), insidePeriod()).reason())
                .isEqualTo(AccessReason.MEMBERSHIP);
    }

    @Test
    void refund_whenMembershipLineRefundedInFull_endsAccessInsideThePeriod() {
        Order order = paid("k-m2", plan);
        p.f.advance(Duration.ofDays(2));

        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-plan", List.of(LineAmount.of(1, PLAN_PRICE)),
                "not what I expected");

        Grant grant = membershipGrant(order);
        assertThat(r.revokedLines()).containsExactly(1);
        assertThat(r.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), insidePeriod())).isFalse();
        assertThat(p.access.hasAccess(order.learner(), p.sql.id(), insidePeriod())).isFalse();
        assertThat(p.access.entitledCourses(order.learner(), insidePeriod())).isEmpty();
        assertThat(p.access.decideCourse(order.learner(), p.java.id(), insidePeriod()))
                .isEqualTo(AccessDecision.of(AccessReason.REVOKED, p.java.id(), null, grant.id(), null));
        assertThat(grant.revocation().reason()).isEqualTo(RevocationReason.REFUND);
        assertThat(grant.revocation().reference()).isEqualTo("refund-plan");
        assertThat(revokedEvents()).hasSize(2).allSatisfy(e -> assertThat(e.data())
                .containsEntry("source", "MEMBERSHIP").containsEntry("reason", "REFUND")
                .containsEntry("grant", grant.id().value()));
        // the same refund key again changes nothing more
        p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-plan", List.of(LineAmount.of(1, PLAN_PRICE)), "not what I expected");
        assertThat(revokedEvents()).hasSize(2);
        assertThat(membershipGrant(order)).isEqualTo(grant);
    }

    @Test
    void refund_whenMembershipLineOfMixedOrderRefunded_keepsThePurchasedCourse() {
        Order order = paid("k-m3", plan, p.sqlOffer);

        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-plan", List.of(LineAmount.of(1, PLAN_PRICE)), null);

        assertThat(r.revokedLines()).containsExactly(1);
        assertThat(r.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), insidePeriod())).isFalse();
        // SQL is covered by the refunded plan's category too, but the SQL line was bought and not refunded
        assertThat(p.access.decideCourse(order.learner(), p.sql.id(), insidePeriod()).reason())
                .isEqualTo(AccessReason.PURCHASED);
    }

    @Test
    void refund_whenMembershipLinePartlyRefunded_keepsAccess() {
        Order order = paid("k-m4", plan);

        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, order.id(), "goodwill",
                List.of(LineAmount.of(1, Money.ofMinor(1000, "CNY"))), "outage");

        assertThat(r.revokedLines()).isEmpty();
        assertThat(r.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(p.access.decideCourse(order.learner(), p.java.id(), insidePeriod()).reason())
                .isEqualTo(AccessReason.MEMBERSHIP);
        assertThat(membershipGrant(order).revocation()).isNull();
        assertThat(revokedEvents()).isEmpty();
    }

    @Test
    void revokeChargeback_whenMembershipOrderChargedBack_endsAccessInsideThePeriod() {
        Order order = paid("k-m5", plan);
        Order other = paid("k-m6", p.javaOffer);

        List<Grant> revoked = p.access.revokeChargeback(PipelineFixture.FINANCE, order.id(), "dispute-1");

        assertThat(revoked).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo(GrantSource.MEMBERSHIP);
            assertThat(g.revocation().reason()).isEqualTo(RevocationReason.CHARGEBACK);
        });
        assertThat(p.access.hasAccess(order.learner(), p.sql.id(), insidePeriod())).isFalse();
        // the separately bought Java course is another order's and stays
        assertThat(p.access.decideCourse(other.learner(), p.java.id(), insidePeriod()).reason())
                .isEqualTo(AccessReason.PURCHASED);
    }
}
