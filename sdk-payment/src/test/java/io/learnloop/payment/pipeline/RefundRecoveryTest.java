package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.money.Money;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.spi.RefundResult;
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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refunds the provider never acted on, refused, closed, or reports with another amount, and sending them again. */
class RefundRecoveryTest extends SandboxRefundTest {

    /** A refund the provider accepted, then closed: FAILED, its notification handled. */
    private Order refundClosedByProvider(String key) {
        Order order = paidOrder(key);
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        p.sandbox.closeRefund(stored(order, "r1").refundReference());
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.FAILED);
        return order;
    }

    @Test
    void refund_whenProviderRefusesOurCredentials_isBlockedNotFailedAndResendsAfterTheFix() {
        Order order = paidOrder("k-blocked");
        p.sandbox.inject(SandboxScenario.INVALID_CREDENTIALS);

        RefundOutcome outcome = refundInFull(order, "r1");

        assertThat(outcome.state()).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(outcome.detail()).contains("HTTP 401").contains("invalid_credentials");
        // reconciliation lists it with the reason on every run and never sends it on its own
        for (int run = 0; run < 2; run++) {
            p.f.advance(Duration.ofMinutes(6));
            ReconciliationReport report = payments.reconcile();
            assertThat(report.refundsForReview()).singleElement().satisfies(review -> {
                assertThat(review.issue()).isEqualTo(RefundReview.Issue.BLOCKED);
                assertThat(review.refundKey()).isEqualTo("r1");
                assertThat(review.detail()).contains("HTTP 401");
            });
            assertThat(report.refundsSent()).isZero();
            assertThat(report.refundsChecked()).isZero();
        }
        // calling refund again with the same key does not send it either
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(provider.refunds).hasSize(1);

        // the host fixed its credentials (the sandbox refuses only once)
        RefundOutcome resent = payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");

        assertThat(resent.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(resent.revokedLines()).isEmpty();
        assertThat(provider.refundQueries).hasSize(1);
        assertThat(provider.refunds).hasSize(2);
        RefundRequest first = provider.refunds.get(0);
        RefundRequest second = provider.refunds.get(1);
        assertThat(second.refundReference()).isEqualTo(first.refundReference());
        assertThat(second.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(payments.reconcile().refundsForReview()).isEmpty();
        assertOneClawback(order);
    }

    @Test
    void resendRefund_whenProviderClosedTheRefund_sendsOnceUnderTheDerivedReferenceWithOneClawback() {
        Order order = paidOrder("k-closed");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        String reference = stored(order, "r1").refundReference();
        p.sandbox.closeRefund(reference);
        List<SandboxNotification> closedLate = p.sandbox.deliverable(); // held up on the way
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsForReview()).extracting(RefundReview::issue)
                .containsExactly(RefundReview.Issue.FAILED);

        RefundOutcome resent = payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");

        assertThat(resent.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(provider.refunds).hasSize(2);
        RefundRequest again = provider.refunds.get(1);
        assertThat(again.refundReference()).isEqualTo(reference + "-r2");
        assertThat(again.idempotencyKey()).isEqualTo(provider.refunds.get(0).idempotencyKey() + ":r2");
        assertThat(again.amount()).isEqualTo(Money.ofMinor(19900, "CNY"));
        assertThat(stored(order, "r1").refundReference()).isEqualTo(reference + "-r2");
        assertThat(stored(order, "r1").resends()).isEqualTo(1);
        // the new attempt's notification confirms nothing twice; the late one about the closed attempt is old news
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));
        assertThat(closedLate).singleElement().satisfies(n -> assertThat(payments.handleNotification(ProviderId.SANDBOX,
                n.body(), java.util.Map.of(io.learnloop.payment.sandbox.SandboxProvider.SIGNATURE_HEADER,
                        p.sandbox.signatureHeader(n.body(), p.f.clock.instant()))).disposition())
                .isEqualTo(Disposition.IGNORED)); // re-sent by the provider, signed afresh
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).refunds()).hasSize(1);
        assertOneClawback(order);
        // done: a further call sends nothing
        assertThat(payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(provider.refunds).hasSize(2);
    }

    @Test
    void resendRefund_whenProviderHasTheRefundAfterAll_confirmsWithoutSending() {
        Order order = paidOrder("k-had-it");
        // the provider makes the refund, then a proxy on the way answers 401: we take it for a refusal of our key
        provider.afterRefund = () -> {
            provider.afterRefund = () -> { };
            throw io.learnloop.payment.internal.http.RemoteErrors.of("sandbox", "refund", 401, "invalid_credentials",
                    "refused by the proxy", null, false, false);
        };
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.BLOCKED);
        p.sandbox.deliverable(); // its notification is lost

        RefundOutcome resent = payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");

        assertThat(resent.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(provider.refundQueries).hasSize(1);
        assertThat(provider.refunds).hasSize(1);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertOneClawback(order);
    }

    @Test
    void resendRefund_whenTwoCallsRaceAfterTheProviderClosedIt_sendsOnce() throws Exception {
        Order order = refundClosedByProvider("k-race");
        String reference = stored(order, "r1").refundReference();
        // both calls have their provider answer before either claims the refund
        CyclicBarrier bothAsked = new CyclicBarrier(2);
        provider.afterRefundQuery = () -> {
            try {
                bothAsked.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<RefundOutcome> outcomes = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RefundOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");
                }));
            }
            start.countDown();
            for (Future<RefundOutcome> call : calls) {
                outcomes.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(provider.refundQueries).hasSize(2);
        assertThat(provider.refunds).hasSize(2); // the first refund and one resend
        assertThat(provider.refunds.get(1).refundReference()).isEqualTo(reference + "-r2");
        assertThat(outcomes).extracting(RefundOutcome::state).contains(PaymentRefund.CONFIRMED);
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertOneClawback(order);
    }

    @Test
    void reconcile_whenProviderReportsAnotherAmount_listsItForReviewAndNeverConfirms() {
        Order order = paidOrder("k-amount");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.SENT);
        p.sandbox.completeRefund(stored(order, "r1").refundReference());
        List<SandboxNotification> late = p.sandbox.deliverable();
        // the provider's records say less was refunded than the order and the ledger count
        provider.refundQueryAnswer = r -> new RefundResult(r.provider(), r.refundReference(), r.providerRefundId(),
                r.state(), Money.ofMinor(9900, "CNY"), r.providerState());
        p.f.advance(Duration.ofMinutes(6));

        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsConfirmed()).isZero();
        assertThat(report.refundsForReview()).singleElement().satisfies(review -> {
            assertThat(review.issue()).isEqualTo(RefundReview.Issue.AMOUNT_MISMATCH);
            assertThat(review.state()).isEqualTo(RefundState.SUCCEEDED);
            assertThat(review.detail()).contains("99.00").contains("199.00");
        });
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.MISMATCH);
        // still listed on the next run; neither the late notification nor a resend confirms it
        p.f.advance(Duration.ofMinutes(6));
        ReconciliationReport next = payments.reconcile();
        assertThat(next.refundsForReview()).extracting(RefundReview::issue).containsExactly(RefundReview.Issue.AMOUNT_MISMATCH);
        assertThat(next.refundsChecked()).isZero();
        late.forEach(this::deliver);
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.MISMATCH);
        assertThatThrownBy(() -> payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isZero();
        assertThat(provider.refunds).hasSize(1);
    }

    @Test
    void reconcile_whenRetriedRefundIsBlockedOnResend_listsItInsteadOfAFailure() {
        Order order = paidOrder("k-retry-blocked");
        p.sandbox.inject(SandboxScenario.LOST_REQUEST);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.RETRY);
        // the query finds nothing; the resend is refused: the key was revoked meanwhile
        provider.afterRefundQuery = () -> {
            provider.afterRefundQuery = () -> { };
            p.sandbox.inject(SandboxScenario.INVALID_CREDENTIALS);
        };

        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsSent()).isZero();
        assertThat(report.failures()).isEmpty();
        assertThat(report.refundsForReview()).extracting(RefundReview::issue).containsExactly(RefundReview.Issue.BLOCKED);
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertOneClawback(order);
    }

    @Test
    void resendRefund_whenRefundIsStillOpen_refusesWithInvalidState() {
        Order order = paidOrder("k-open");
        p.sandbox.inject(SandboxScenario.LOST_REQUEST);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.RETRY);

        assertThatThrownBy(() -> payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.getMessage()).contains("RETRY").contains("reconcile"));
        assertThatThrownBy(() -> payments.resendRefund(PipelineFixture.FINANCE, order.id(), "nope"))
                .isInstanceOf(io.learnloop.core.error.NotFoundException.class);
        assertThat(provider.refunds).hasSize(1);
    }

    @Test
    void reconcile_whenRefundIsResentWhileTheRunAsksAboutTheOldAttempt_leavesTheNewAttemptAsItIs() {
        Order order = paidOrder("k-stale");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.SENT);
        String reference = stored(order, "r1").refundReference();
        p.sandbox.closeRefund(reference);
        List<SandboxNotification> closed = p.sandbox.deliverable(); // held up on the way
        p.f.advance(Duration.ofMinutes(6));
        // the run has read the refund as SENT and asked about it; before it acts on the answer, the closed
        // notification arrives and a person sends the refund again, which the provider accepts as processing
        provider.afterRefundQuery = () -> {
            provider.afterRefundQuery = () -> { };
            closed.forEach(n -> assertThat(payments.handleNotification(ProviderId.SANDBOX, n.body(),
                    java.util.Map.of(io.learnloop.payment.sandbox.SandboxProvider.SIGNATURE_HEADER,
                            p.sandbox.signatureHeader(n.body(), p.f.clock.instant()))).disposition())
                    .isEqualTo(Disposition.REFUND_CONFIRMED));
            p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
            assertThat(payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1").state()).isEqualTo(PaymentRefund.SENT);
        };
        String newAttempt = reference + "-r2";

        ReconciliationReport report = payments.reconcile();

        // the answer about the closed attempt says nothing about the new one
        PaymentRefund after = stored(order, "r1");
        assertThat(after.refundReference()).isEqualTo(newAttempt);
        assertThat(after.state()).isEqualTo(PaymentRefund.SENT);
        assertThat(after.resends()).isEqualTo(1);
        String newRefundId = p.sandbox.queryRefund(new io.learnloop.payment.spi.RefundQuery(
                io.learnloop.payment.spi.PaymentReference.of(provider.refunds.get(0).payment().merchantReference()),
                newAttempt, null)).providerRefundId();
        assertThat(after.providerRefundId()).isNotNull().isEqualTo(newRefundId);
        assertThat(report.refundsForReview()).isEmpty();
        assertThat(provider.refunds).hasSize(2);
        // the new attempt completes and is confirmed once
        p.sandbox.completeRefund(newAttempt);
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertOneClawback(order);
    }

    @Test
    void reconcile_whenNotificationReportedTheRefundClosed_listsItForReviewOnEveryRunUntilResent() {
        Order order = refundClosedByProvider("k-closed-by-notification");

        // the closed notification was the only word of it: each run lists it, none sends it
        for (int run = 0; run < 2; run++) {
            p.f.advance(Duration.ofMinutes(6));
            ReconciliationReport report = payments.reconcile();
            assertThat(report.refundsForReview()).singleElement().satisfies(review -> {
                assertThat(review.issue()).isEqualTo(RefundReview.Issue.FAILED);
                assertThat(review.state()).isEqualTo(RefundState.FAILED);
                assertThat(review.refundKey()).isEqualTo("r1");
                assertThat(review.detail()).isNotBlank();
            });
            assertThat(report.refundsSent()).isZero();
        }
        assertThat(provider.refunds).hasSize(1);

        assertThat(payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsForReview()).isEmpty();
        assertOneClawback(order);
    }

    @Test
    void refund_whenAnEarlierCallStoppedAfterTheOrderRecordedIt_sendsTheMoneyOnTheRepeatedCall() {
        Order order = paidOrder("k-stopped");
        // an earlier refund call recorded the refund on the order, then stopped (a crash) before the provider was asked
        p.f.learnloop.settlement().refund(PipelineFixture.FINANCE, order.id(), new io.learnloop.core.commerce.RefundRequest("r1",
                List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), "changed mind"));
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(io.learnloop.core.commerce.OrderStatus.REFUNDED);

        RefundOutcome outcome = refundInFull(order, "r1");

        assertThat(outcome.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(provider.refunds).singleElement().satisfies(r -> assertThat(r.amount())
                .isEqualTo(Money.ofMinor(19900, "CNY")));
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).refunds()).hasSize(1);
        assertOneClawback(order);
        // a new refund key is still refused: nothing is left to refund
        assertThatThrownBy(() -> refundInFull(order, "r2")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void resendRefund_whenProviderWaitsForAction_saysToActAtTheProvider() {
        Order order = paidOrder("k-action");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.SENT);
        // the payer's account can no longer take the money (WeChat Pay ABNORMAL)
        provider.refundQueryAnswer = r -> new RefundResult(r.provider(), r.refundReference(), r.providerRefundId(),
                RefundState.ACTION_REQUIRED, r.amount(), "ABNORMAL");
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsForReview()).extracting(RefundReview::issue)
                .containsExactly(RefundReview.Issue.ACTION_REQUIRED);

        assertThatThrownBy(() -> payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1")).isInstanceOfSatisfying(ConflictException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains("ACTION_REQUIRED").contains("at the provider")
                            .doesNotContain("call refund again");
                });
        assertThat(provider.refunds).hasSize(1);
    }

    @Test
    void reconcile_whenActionRequiredRefundIsNotDueForAQuery_stillListsItForReview() {
        Order order = paidOrder("k-action-listed");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        assertThat(refundInFull(order, "r1").state()).isEqualTo(PaymentRefund.SENT);
        provider.refundQueryAnswer = r -> new RefundResult(r.provider(), r.refundReference(), r.providerRefundId(),
                RefundState.ACTION_REQUIRED, r.amount(), "ABNORMAL");
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsForReview()).extracting(RefundReview::issue)
                .containsExactly(RefundReview.Issue.ACTION_REQUIRED);
        int queries = provider.refundQueries.size();

        // a run soon after: too early to ask the provider again, but the refund still waits for a person
        p.f.advance(Duration.ofMinutes(1));
        ReconciliationReport next = payments.reconcile();

        assertThat(next.refundsChecked()).isZero();
        assertThat(provider.refundQueries).hasSize(queries);
        assertThat(next.refundsForReview()).singleElement().satisfies(review -> {
            assertThat(review.issue()).isEqualTo(RefundReview.Issue.ACTION_REQUIRED);
            assertThat(review.state()).isEqualTo(RefundState.ACTION_REQUIRED);
            assertThat(review.detail()).isEqualTo("ABNORMAL");
        });
    }
}
