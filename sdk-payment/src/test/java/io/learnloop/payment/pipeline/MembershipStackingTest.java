package io.learnloop.payment.pipeline;

import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.money.Money;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the sandbox provider: paying a membership before the current period ends extends it (the new period starts
 * where the latest live period of the same plan ends), and a replayed settlement never stacks a period onto itself.
 */
class MembershipStackingTest {
    private static final Money PRO_PRICE = Money.ofMinor(3000, "CNY");
    private static final Money LITE_PRICE = Money.ofMinor(1000, "CNY");

    private final PipelineFixture p = new PipelineFixture();
    private final Offer pro = p.commerce.createOffer(PipelineFixture.ADMIN, OfferDraft.membership("Pro",
            PRO_PRICE, new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(p.java.id()), List.of())));
    private final Offer lite = p.commerce.createOffer(PipelineFixture.ADMIN, OfferDraft.membership("Lite",
            LITE_PRICE, new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(p.sql.id()), List.of())));
    /** The payment notifications delivered so far, by order, to replay them. */
    private final Map<String, byte[]> paymentBodies = new java.util.HashMap<>();

    private Order paid(String key, Offer... offers) {
        Order order = p.order(key, offers);
        p.sandbox.pay(p.checkout(order));
        for (SandboxNotification n : p.sandbox.deliverable()) {
            NotificationResult r = p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
            if (r.disposition() == Disposition.SETTLED) {
                paymentBodies.put(r.order().value(), n.body());
            }
        }
        return p.commerce.order(PipelineFixture.FINANCE, order.id());
    }

    /** The provider reports the same payment again under a new event id (as providers do with retried events). */
    private NotificationResult replayPayment(Order order, String newEventId) {
        String body = new String(paymentBodies.get(order.id().value()), StandardCharsets.UTF_8)
                .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + newEventId + "\"");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return p.payments.handleNotification(ProviderId.SANDBOX, bytes,
                Map.of(SandboxProvider.SIGNATURE_HEADER, p.sandbox.signatureHeader(bytes, p.f.clock.instant())));
    }

    private Grant periodOf(Order order) {
        List<Grant> periods = p.access.grantsOf(order.learner()).stream()
                .filter(g -> g.source() == GrantSource.MEMBERSHIP && order.id().equals(g.order())).toList();
        assertThat(periods).hasSize(1);
        return periods.get(0);
    }

    private boolean javaAt(Instant at) {
        return p.access.hasAccess(PipelineFixture.LEARNER.id(), p.java.id(), at);
    }

    @Test
    void handleNotification_whenRenewedThreeDaysEarly_startsTheNewPeriodAtTheFirstPeriodsEnd() {
        Order first = paid("k-s1", pro);
        Grant firstPeriod = periodOf(first);
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));

        Order renewal = paid("k-s2", pro);

        Grant second = periodOf(renewal);
        assertThat(renewal.status()).isEqualTo(OrderStatus.PAID);
        assertThat(renewal.paidAt()).isEqualTo(p.f.clock.instant());
        assertThat(second.startsAt()).isEqualTo(firstPeriod.endsAt());
        assertThat(second.endsAt()).isEqualTo(MembershipPeriod.MONTH.endOf(firstPeriod.endsAt()));
        assertThat(javaAt(firstPeriod.endsAt().minusSeconds(1))).isTrue();
        assertThat(javaAt(firstPeriod.endsAt())).isTrue();
        assertThat(javaAt(second.endsAt().minusSeconds(1))).isTrue();
        assertThat(javaAt(second.endsAt())).isFalse();
        assertThat(p.access.decideCourse(PipelineFixture.LEARNER.id(), p.java.id(), firstPeriod.endsAt().plusSeconds(1)))
                .satisfies(d -> {
                    assertThat(d.reason()).isEqualTo(AccessReason.MEMBERSHIP);
                    assertThat(d.grant()).isEqualTo(second.id());
                });
    }

    @Test
    void handleNotification_whenRenewedTwiceEarly_stacksEachPeriodAfterTheLatest() {
        Grant first = periodOf(paid("k-s3", pro));
        p.f.advance(Duration.ofDays(1));
        Grant second = periodOf(paid("k-s4", pro));
        p.f.advance(Duration.ofDays(1));

        Grant third = periodOf(paid("k-s5", pro));

        assertThat(second.startsAt()).isEqualTo(first.endsAt());
        assertThat(third.startsAt()).isEqualTo(second.endsAt());
        assertThat(javaAt(third.endsAt().minusSeconds(1))).isTrue();
    }

    @Test
    void handleNotification_whenRenewedAfterLapse_startsAtThePaymentTime() {
        Grant first = periodOf(paid("k-s6", pro));
        p.f.clock.set(first.endsAt().plus(Duration.ofDays(4)));
        assertThat(javaAt(p.f.clock.instant())).isFalse();

        Order comeback = paid("k-s7", pro);

        Grant second = periodOf(comeback);
        assertThat(second.startsAt()).isEqualTo(comeback.paidAt()).isEqualTo(p.f.clock.instant());
        assertThat(second.endsAt()).isEqualTo(MembershipPeriod.MONTH.endOf(comeback.paidAt()));
        assertThat(javaAt(p.f.clock.instant())).isTrue();
        // the lapse stays a lapse: nothing is granted back in time
        assertThat(javaAt(first.endsAt().plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void handleNotification_whenAnotherPlanIsLive_doesNotStackOntoIt() {
        Grant proPeriod = periodOf(paid("k-s8", pro));
        p.f.clock.set(proPeriod.endsAt().minus(Duration.ofDays(3)));

        Order liteOrder = paid("k-s9", lite);

        Grant litePeriod = periodOf(liteOrder);
        assertThat(litePeriod.startsAt()).isEqualTo(liteOrder.paidAt());
        assertThat(p.access.hasAccess(liteOrder.learner(), p.sql.id(), p.f.clock.instant())).isTrue();
        // and a Pro renewal stacks after Pro only, not after the later-ending Lite period
        p.f.advance(Duration.ofDays(1));
        Grant proRenewal = periodOf(paid("k-s10", pro));
        assertThat(proRenewal.startsAt()).isEqualTo(proPeriod.endsAt());
        assertThat(litePeriod.endsAt()).isAfter(proPeriod.endsAt());
    }

    @Test
    void handleNotification_whenPaymentReportedAgainAfterTheGrant_keepsOneGrantWithTheSameDates() {
        Order first = paid("k-s13", pro);
        Grant firstPeriod = periodOf(first);
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));
        Order renewal = paid("k-s14", pro);
        Grant renewed = periodOf(renewal);
        List<Grant> before = p.access.grantsOf(renewal.learner());
        long grantedEvents = p.events(EventTypes.ACCESS_GRANTED);
        p.f.advance(Duration.ofHours(2));

        // both settlements run again: each must find its own period rather than stack a new one after it
        assertThat(replayPayment(renewal, "evt_again_2").disposition()).isEqualTo(Disposition.ALREADY_SETTLED);
        assertThat(replayPayment(first, "evt_again_1").disposition()).isEqualTo(Disposition.ALREADY_SETTLED);

        assertThat(p.access.grantsOf(renewal.learner())).isEqualTo(before);
        assertThat(periodOf(renewal)).isEqualTo(renewed);
        assertThat(periodOf(first)).isEqualTo(firstPeriod);
        assertThat(p.events(EventTypes.ACCESS_GRANTED)).isEqualTo(grantedEvents);
    }

    @Test
    void handleNotification_whenSameRenewalDeliveredTwice_grantsOnePeriod() {
        Grant firstPeriod = periodOf(paid("k-s15", pro));
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));
        p.sandbox.inject(SandboxScenario.DUPLICATE);

        Order renewal = paid("k-s16", pro);

        assertThat(periodOf(renewal).startsAt()).isEqualTo(firstPeriod.endsAt());
        assertThat(p.access.grantsOf(renewal.learner())).hasSize(2);
    }

    @Test
    void handleNotification_whenRenewalDeliveredConcurrently_grantsOnePeriod() throws Exception {
        Grant firstPeriod = periodOf(paid("k-s17", pro));
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));
        Order renewal = p.order("k-s18", pro);
        p.sandbox.pay(p.checkout(renewal));
        SandboxNotification paidEvent = p.sandbox.deliverable().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Disposition>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return p.payments.handleNotification(ProviderId.SANDBOX, paidEvent.body(), paidEvent.headers())
                            .disposition();
                }));
            }
            go.countDown();
            for (Future<Disposition> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isIn(Disposition.SETTLED, Disposition.ALREADY_SETTLED,
                        Disposition.DUPLICATE);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(periodOf(renewal).startsAt()).isEqualTo(firstPeriod.endsAt());
        assertThat(p.access.grantsOf(renewal.learner())).hasSize(2);
    }

    @Test
    void handleNotification_whenDifferentRenewalsSettleConcurrently_placesThePeriodsBackToBack() throws Exception {
        Grant firstPeriod = periodOf(paid("k-s19", pro));
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));
        List<Order> renewals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Order renewal = p.order("k-race-" + i, pro);
            p.sandbox.pay(p.checkout(renewal));
            renewals.add(renewal);
        }
        List<SandboxNotification> events = p.sandbox.deliverable();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Disposition>> results = new ArrayList<>();
        try {
            for (SandboxNotification n : events) {
                results.add(pool.submit(() -> {
                    go.await();
                    return p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers()).disposition();
                }));
            }
            go.countDown();
            for (Future<Disposition> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(Disposition.SETTLED);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Grant> periods = p.access.grantsOf(firstPeriod.learner()).stream()
                .filter(g -> g.source() == GrantSource.MEMBERSHIP)
                .sorted(java.util.Comparator.comparing(Grant::startsAt)).toList();
        assertThat(periods).hasSize(13);
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i).startsAt()).as("period %d starts where period %d ends", i, i - 1)
                    .isEqualTo(periods.get(i - 1).endsAt());
        }
        Instant end = firstPeriod.startsAt();
        for (int i = 0; i < 13; i++) {
            end = MembershipPeriod.MONTH.endOf(end);
        }
        assertThat(periods.get(12).endsAt()).isEqualTo(end);
        for (Order renewal : renewals) {
            assertThat(p.commerce.order(PipelineFixture.FINANCE, renewal.id()).status()).isEqualTo(OrderStatus.PAID);
        }
    }

    @Test
    void refund_whenStackedPeriodRefundedInFull_endsAccessAtTheFirstPeriodsEnd() {
        Grant firstPeriod = periodOf(paid("k-s19", pro));
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));
        Order renewal = paid("k-s20", pro);
        p.f.advance(Duration.ofHours(1));

        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, renewal.id(), "changed-mind", List.of(LineAmount.of(1, PRO_PRICE)), null);

        assertThat(r.revokedLines()).containsExactly(1);
        assertThat(periodOf(renewal).revocation()).isNotNull();
        assertThat(javaAt(firstPeriod.endsAt().minusSeconds(1))).isTrue();
        assertThat(javaAt(firstPeriod.endsAt())).isFalse();
        assertThat(p.access.decideCourse(renewal.learner(), p.java.id(), firstPeriod.endsAt().plus(Duration.ofDays(5)))
                .reason()).isEqualTo(AccessReason.REVOKED);
        // buying again afterwards stacks after the first period only: the refunded one no longer counts
        Grant again = periodOf(paid("k-s21", pro));
        assertThat(again.startsAt()).isEqualTo(firstPeriod.endsAt());
    }

    @Test
    void refund_whenEarlierPeriodRefundedInFull_keepsTheStackedPeriodsDates() {
        Order first = paid("k-s22", pro);
        Grant firstPeriod = periodOf(first);
        p.f.clock.set(firstPeriod.endsAt().minus(Duration.ofDays(3)));
        Order renewal = paid("k-s23", pro);
        Grant renewed = periodOf(renewal);
        p.f.advance(Duration.ofHours(1));

        p.payments.refund(PipelineFixture.LEARNER, first.id(), "first-back", List.of(LineAmount.of(1, PRO_PRICE)), null);

        // the refunded period ends now; the renewal keeps its dates, so the last days of the first period are gone
        assertThat(periodOf(renewal)).isEqualTo(renewed);
        assertThat(javaAt(p.f.clock.instant())).isFalse();
        assertThat(javaAt(renewed.startsAt())).isTrue();
        assertThat(javaAt(renewed.endsAt().minusSeconds(1))).isTrue();
        // a payment inside that gap still stacks after the latest live period
        Grant third = periodOf(paid("k-s24", pro));
        assertThat(third.startsAt()).isEqualTo(renewed.endsAt());
    }
}
