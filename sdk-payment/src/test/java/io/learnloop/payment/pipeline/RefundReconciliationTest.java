package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.event.EventTypes;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxScenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Refunds whose notification never comes, that the provider closed, or whose send had an unknown outcome. */
class RefundReconciliationTest extends SandboxRefundTest {

    @Test
    void reconcile_whenRefundNotificationIsLost_confirmsTheSentRefundByQuery() {
        Order order = paidOrder("k-lost");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        RefundOutcome outcome = refundInFull(order, "r1");
        assertThat(outcome.state()).isEqualTo(PaymentRefund.SENT);

        // not yet due: a refund that has just been accepted is left to its notification
        ReconciliationReport early = payments.reconcile();
        assertThat(early.refundsChecked()).isZero();
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.SENT);

        p.f.advance(Duration.ofMinutes(6));
        p.sandbox.completeRefund(stored(order, "r1").refundReference());
        List<SandboxNotification> delayed = p.sandbox.deliverable(); // the notification is held up on the way
        assertThat(delayed).hasSize(1);
        ReconciliationReport report = payments.reconcile();
        assertThat(report.refundsChecked()).isEqualTo(1);
        assertThat(report.refundsConfirmed()).isEqualTo(1);
        assertThat(report.refundsSent()).isZero();
        assertThat(report.refundsForReview()).isEmpty();
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(provider.refundQueries).singleElement().satisfies(q -> {
            assertThat(q.refundReference()).isEqualTo(stored(order, "r1").refundReference());
            assertThat(q.providerRefundId()).isEqualTo(outcome.providerRefundId());
        });

        // the notification arrives after all: acknowledged, nothing happens twice
        assertThat(deliver(delayed.get(0)).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(1);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);

        // confirmed refunds are not asked about again
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsChecked()).isZero();
        assertThat(provider.refunds).hasSize(1);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertLedgerBalanced();
    }

    @Test
    void reconcile_whenProviderClosedTheRefund_reportsItForReviewAndNeverResends() {
        Order order = paidOrder("k-closed");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        String reference = stored(order, "r1").refundReference();
        p.sandbox.closeRefund(reference);
        p.sandbox.deliverable(); // lost

        p.f.advance(Duration.ofMinutes(6));
        ReconciliationReport report = payments.reconcile();
        assertThat(report.refundsForReview()).containsExactly(new RefundReview(ProviderId.SANDBOX, order.id(), "r1",
                reference, RefundState.FAILED, "closed"));
        assertThat(report.refundsConfirmed()).isZero();
        assertThat(report.refundsSent()).isZero();
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.FAILED);
        assertThat(stored(order, "r1").detail()).isEqualTo("closed");

        p.f.advance(Duration.ofMinutes(6));
        ReconciliationReport later = payments.reconcile();
        assertThat(later.refundsChecked()).isZero();
        assertThat(later.refundsSent()).isZero();
        assertThat(provider.refunds).hasSize(1);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isZero();
    }

    @Test
    void refund_whenTheProviderClosedAnEarlierRefund_refusesTheSameAmountUnderANewKey() {
        Order order = paidOrder("k-closed-again");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        p.sandbox.closeRefund(stored(order, "r1").refundReference());
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.FAILED);

        // the order and the ledger already count the closed refund: the money must be returned another way
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refundInFull(order, "r2"))
                .isInstanceOf(io.learnloop.core.error.ConflictException.class);
        assertThat(provider.refunds).hasSize(1);
        assertLedgerBalanced();
    }

    @Test
    void reconcile_whenSendOutcomeUnknownAndProviderKnowsNothing_resendsOnceWithTheSameReference() {
        Order order = paidOrder("k-unknown");
        p.sandbox.inject(SandboxScenario.LOST_REQUEST);
        RefundOutcome outcome = refundInFull(order, "r1");
        assertThat(outcome.state()).isEqualTo(PaymentRefund.RETRY);
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(1);

        ReconciliationReport report = payments.reconcile();
        assertThat(report.refundsChecked()).isEqualTo(1);
        assertThat(report.refundsSent()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);

        p.f.advance(Duration.ofMinutes(6));
        ReconciliationReport again = payments.reconcile();
        assertThat(again.refundsChecked()).isZero();
        assertThat(again.refundsSent()).isZero();

        assertThat(provider.refunds).hasSize(2);
        RefundRequest first = provider.refunds.get(0);
        RefundRequest second = provider.refunds.get(1);
        assertThat(second.refundReference()).isEqualTo(first.refundReference());
        assertThat(second.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(second.amount()).isEqualTo(first.amount());
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(1);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
        assertLedgerBalanced();
    }

    @Test
    void refund_whenRepeatedAfterUnknownOutcome_asksTheProviderBeforeSendingAgain() {
        Order order = paidOrder("k-repeat");
        p.sandbox.inject(SandboxScenario.SERVER_ERROR); // made, then a 500
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.RETRY);

        RefundOutcome again = refundInFull(order, "r1");

        assertThat(again.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(provider.refundQueries).hasSize(1);
        assertThat(provider.refunds).hasSize(1);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
    }

    @Test
    void refund_whenRepeatedForRefundLeftPendingByAStoppedCall_asksTheProviderBeforeSendingAgain() {
        Order order = paidOrder("k-stopped");
        // the provider makes the refund, then the host stops before it records the answer: the refund stays PENDING
        provider.afterRefund = () -> {
            provider.afterRefund = () -> { };
            throw new IllegalStateException("the host stopped");
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> refundInFull(order, "r1"))
                .hasMessage("the host stopped");
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.PENDING);
        p.sandbox.deliverable(); // its notification is lost

        RefundOutcome again = refundInFull(order, "r1");

        // a provider's idempotency key expires (Stripe: 24 hours), so the repeat must not rely on it
        assertThat(provider.refundQueries).hasSize(1);
        assertThat(provider.refunds).hasSize(1);
        assertThat(again.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
        assertLedgerBalanced();
    }

    @Test
    void reconcile_whenOneRefundCannotBeQueried_reportsItAndStillChecksTheOthers() {
        Order first = paidOrder("k-refused");
        p.sandbox.inject(SandboxScenario.LOST_REQUEST);
        assertThat(refundInFull(first, "r1").state()).isEqualTo(PaymentRefund.RETRY);
        Order second = paidOrder("k-fine");
        p.sandbox.inject(SandboxScenario.LOST_REQUEST);
        assertThat(refundInFull(second, "r1").state()).isEqualTo(PaymentRefund.RETRY);
        // the provider refuses to look one of them up (as Stripe does for a payment id that is not a PaymentIntent)
        provider.afterRefundQuery = () -> {
            provider.afterRefundQuery = () -> { };
            throw io.learnloop.core.error.ValidationException.of("payment.providerPaymentId",
                    "refunds are listed by PaymentIntent");
        };

        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsChecked()).isEqualTo(2);
        assertThat(report.failures()).singleElement().asString().contains("refunds are listed by PaymentIntent");
        assertThat(report.refundsSent()).isEqualTo(1);
        List<String> states = List.of(stored(first, "r1").state(), stored(second, "r1").state());
        assertThat(states).containsExactlyInAnyOrder(PaymentRefund.RETRY, PaymentRefund.CONFIRMED);
        assertLedgerBalanced();
    }

    @Test
    void reconcile_whenSendOutcomeUnknownButProviderRefunded_confirmsWithoutResending() {
        Order order = paidOrder("k-done");
        p.sandbox.inject(SandboxScenario.SERVER_ERROR); // the refund is made, then the answer is a 500
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.RETRY);
        p.sandbox.deliverable(); // its notification is lost too

        ReconciliationReport report = payments.reconcile();
        assertThat(report.refundsConfirmed()).isEqualTo(1);
        assertThat(report.refundsSent()).isZero();
        assertThat(provider.refunds).hasSize(1);
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
    }

    @Test
    void reconcile_whenNotificationConfirmsBetweenQueryAndUpdate_confirmsOnce() {
        Order order = paidOrder("k-between");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        p.f.advance(Duration.ofMinutes(6));
        p.sandbox.completeRefund(stored(order, "r1").refundReference());
        List<SandboxNotification> late = p.sandbox.deliverable();
        // the notification is handled after the provider answered reconciliation's query, before its update
        provider.afterRefundQuery = () -> late.forEach(n ->
                assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));

        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsChecked()).isEqualTo(1);
        assertThat(report.refundsConfirmed()).isZero(); // the notification confirmed it
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(1);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
        assertLedgerBalanced();
    }

    @Test
    void reconcile_whenRacingLateRefundNotifications_confirmsEachRefundOnce() throws Exception {
        int orders = 24;
        List<Order> placed = new ArrayList<>();
        List<SandboxNotification> late = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Order order = paidOrder("k-race-" + i);
            placed.add(order);
            p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
            refundInFull(order, "r1");
        }
        p.f.advance(Duration.ofMinutes(6));
        for (Order order : placed) {
            p.sandbox.completeRefund(stored(order, "r1").refundReference());
            late.addAll(p.sandbox.deliverable());
        }
        assertThat(late).hasSize(orders);
        long revokedBefore = p.events(EventTypes.ACCESS_REVOKED);
        long postedBefore = p.events(EventTypes.LEDGER_POSTED);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> {
                start.await();
                return payments.reconcile();
            }));
            work.add(pool.submit(() -> {
                start.await();
                return payments.reconcile();
            }));
            for (int copy = 0; copy < 2; copy++) {
                List<SandboxNotification> batch = List.copyOf(late);
                work.add(pool.submit(() -> {
                    start.await();
                    batch.forEach(n -> assertThat(deliver(n).disposition())
                            .isIn(Disposition.REFUND_CONFIRMED, Disposition.DUPLICATE));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (Order order : placed) {
            assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
            assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
        }
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(orders);
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(revokedBefore);
        assertThat(p.events(EventTypes.LEDGER_POSTED)).isEqualTo(postedBefore);
        assertThat(provider.refunds).hasSize(orders);
        assertLedgerBalanced();
    }
}
