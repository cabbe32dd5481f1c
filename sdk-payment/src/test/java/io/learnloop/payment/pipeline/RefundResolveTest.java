package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.internal.pipeline.PaymentTypes;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A person closing a refund listed for review, and resends refused when an earlier attempt reported success. */
class RefundResolveTest extends SandboxRefundTest {
    private NotificationResult deliver(byte[] body) {
        return payments.handleNotification(ProviderId.SANDBOX, body,
                Map.of(SandboxProvider.SIGNATURE_HEADER, p.sandbox.signatureHeader(body, p.f.clock.instant())));
    }

    private RefundOutcome refundInFull(Order order) {
        return refundInFull(order, "r1");
    }

    private PaymentRefund stored(Order order) {
        return stored(order, "r1");
    }

    /** A refund the provider accepted, then closed: FAILED through its notification, which is returned. */
    private SandboxNotification closedByProvider(Order order) {
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order);
        p.sandbox.closeRefund(stored(order).refundReference());
        List<SandboxNotification> closed = p.sandbox.deliverable();
        closed.forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        return closed.get(0);
    }

    /** The same event, reporting success instead, under another event id, as the provider would send it. */
    private static byte[] asSuccess(SandboxNotification failed, String eventId) {
        String json = new String(failed.body(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"refund.failed\"");
        return json.replace("\"refund.failed\"", "\"refund.succeeded\"")
                .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + eventId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** Puts the stored refund into a state the provider led it to (the flows to each are covered elsewhere). */
    private void force(Order order, String state) {
        p.f.learnloop.context().transact(uow -> {
            Versioned<PaymentRefund> v = uow.get(PaymentTypes.REFUND, order.id().value() + ":r1");
            return uow.update(PaymentTypes.REFUND, v.value().with(state, null, "provider said " + state,
                    p.f.clock.instant()), v.version());
        });
    }


    @ParameterizedTest
    @ValueSource(strings = {PaymentRefund.FAILED, PaymentRefund.BLOCKED, PaymentRefund.REVERSED, PaymentRefund.MISMATCH})
    void resolveRefund_whenListedForReview_closesItWithTheNoteAndTheClockTime(String state) {
        Order order = paidOrder("k-" + state);
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order);
        force(order, state);
        assertThat(payments.reconcile().refundsForReview()).singleElement()
                .satisfies(r -> assertThat(r.refundKey()).isEqualTo("r1"));
        p.f.advance(Duration.ofMinutes(1));
        Instant at = p.f.clock.instant();
        long grants = p.events(EventTypes.ACCESS_GRANTED);

        RefundOutcome outcome = payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "refunded by bank transfer, ticket 4711");

        assertThat(outcome.state()).isEqualTo(PaymentRefund.RESOLVED);
        assertThat(outcome.revokedLines()).isEmpty();
        PaymentRefund r = stored(order);
        assertThat(r.state()).isEqualTo(PaymentRefund.RESOLVED);
        assertThat(r.resolution()).isEqualTo("refunded by bank transfer, ticket 4711");
        assertThat(r.resolvedAt()).isEqualTo(at);
        assertThat(r.detail()).isEqualTo("provider said " + state);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).refunds()).hasSize(1);
        assertThat(p.events(EventTypes.ACCESS_GRANTED)).isEqualTo(grants);
        assertOneClawback(order);
        // idempotent: the first note stands
        p.f.advance(Duration.ofMinutes(1));
        assertThat(payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "another note").state()).isEqualTo(PaymentRefund.RESOLVED);
        assertThat(stored(order).resolution()).isEqualTo("refunded by bank transfer, ticket 4711");
        assertThat(stored(order).resolvedAt()).isEqualTo(at);
    }

    @ParameterizedTest
    @ValueSource(strings = {PaymentRefund.SENT, PaymentRefund.CONFIRMED, PaymentRefund.PENDING,
            PaymentRefund.RETRY, PaymentRefund.ACTION_REQUIRED})
    void resolveRefund_whenFateIsOpenOrSettled_refusesWithInvalidState(String state) {
        Order order = paidOrder("k-" + state);
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order);
        force(order, state);

        assertThatThrownBy(() -> payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "settled"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains(state).contains("FAILED, BLOCKED, REVERSED or MISMATCH");
                });
        assertThat(stored(order).state()).isEqualTo(state);
        assertThat(stored(order).resolution()).isNull();
    }

    @Test
    void reconcile_whenRefundWasResolved_neitherListsNorAsksNorSendsIt() {
        Order order = paidOrder("k-listed");
        closedByProvider(order);
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsForReview()).hasSize(1);

        payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "paid back in cash at the front desk");

        for (int run = 0; run < 2; run++) {
            p.f.advance(Duration.ofMinutes(6));
            var report = payments.reconcile();
            assertThat(report.refundsForReview()).isEmpty();
            assertThat(report.refundsChecked()).isZero();
            assertThat(report.refundsSent()).isZero();
        }
        assertThat(provider.refunds).hasSize(1);
        assertThat(provider.refundQueries).isEmpty();
        assertOneClawback(order);
    }

    @Test
    void resendRefund_whenRefundWasResolved_refusesWithInvalidState() {
        Order order = paidOrder("k-resend-resolved");
        closedByProvider(order);
        payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "settled in the merchant platform");

        assertThatThrownBy(() -> payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains("RESOLVED").contains("settled in the merchant platform");
                });
        assertThat(provider.refunds).hasSize(1);
        assertThat(provider.refundQueries).isEmpty();
        // calling refund again with the key sends nothing either
        assertThat(refundInFull(order).state()).isEqualTo(PaymentRefund.RESOLVED);
        assertThat(provider.refunds).hasSize(1);
    }

    @Test
    void handleNotification_whenResolvedRefundLaterSucceeds_keepsItForReviewAndIgnoresAFailure() {
        Order order = paidOrder("k-late");
        SandboxNotification closed = closedByProvider(order);
        payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "returned by bank transfer");

        NotificationResult failedAgain = deliver(new String(closed.body(), StandardCharsets.UTF_8)
                .replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"evt_failed_again\"").getBytes(StandardCharsets.UTF_8));
        NotificationResult succeeded = deliver(asSuccess(closed, "evt_late_success"));

        assertThat(failedAgain.disposition()).isEqualTo(Disposition.IGNORED);
        assertThat(succeeded.disposition()).isEqualTo(Disposition.KEPT_FOR_REVIEW);
        assertThat(succeeded.acknowledgement().httpStatus()).isEqualTo(200);
        assertThat(payments.reviewQueue(PipelineFixture.FINANCE, null, 1000).items()).singleElement().satisfies(item ->
                assertThat(item.reason()).contains("resolved").contains("refunded twice"));
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.RESOLVED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isZero();
        assertOneClawback(order);
    }

    @Test
    void resolveRefund_whenNoteIsBlankOrTooLong_throwsValidationNamingNote() {
        Order order = paidOrder("k-note");
        closedByProvider(order);

        for (String note : new String[] {null, "", "   ", "x".repeat(501)}) {
            assertThatThrownBy(() -> payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", note))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("note"));
        }
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        assertThat(payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "x".repeat(500)).state()).isEqualTo(PaymentRefund.RESOLVED);
    }

    @Test
    void fromJson_whenResolvedOrStoredBeforeResolving_roundTrips() {
        Order order = paidOrder("k-json");
        closedByProvider(order);
        PaymentRefund before = stored(order);
        String old = LearnloopJson.toJson(before).replace(",\"resolution\":null", "").replace(",\"resolvedAt\":null", "");
        assertThat(old).doesNotContain("resolution").doesNotContain("resolvedAt");

        assertThat(LearnloopJson.fromJson(old, PaymentRefund.class)).isEqualTo(before);

        payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "settled \"by hand\"");
        PaymentRefund resolved = stored(order);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(resolved), PaymentRefund.class)).isEqualTo(resolved);
    }

    @Test
    void resendRefund_whenSupersededAttemptReportedSuccess_refusesAndPointsToResolve() {
        Order order = paidOrder("k-twice");
        SandboxNotification firstClosed = closedByProvider(order);
        String first = stored(order).refundReference();
        // sent again as -r2, which the provider closes too
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        assertThat(payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1").state()).isEqualTo(PaymentRefund.SENT);
        assertThat(stored(order).refundReference()).isEqualTo(first + "-r2");
        p.sandbox.closeRefund(first + "-r2");
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.REFUND_CONFIRMED));
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        // then the provider reports the first attempt succeeded after all
        assertThat(deliver(asSuccess(firstClosed, "evt_first_succeeded")).disposition())
                .isEqualTo(Disposition.KEPT_FOR_REVIEW);
        int sends = provider.refunds.size();
        int queries = provider.refundQueries.size();

        assertThatThrownBy(() -> payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains("earlier attempt reported success")
                            .contains("at the provider").contains("resolveRefund");
                });
        assertThat(provider.refunds).hasSize(sends);
        assertThat(provider.refundQueries).hasSize(queries);
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        // the person checks and closes it
        assertThat(payments.resolveRefund(PipelineFixture.FINANCE, order.id(), "r1", "first attempt did pay out").state())
                .isEqualTo(PaymentRefund.RESOLVED);
        assertThat(payments.reconcile().refundsForReview()).isEmpty();
        assertOneClawback(order);
    }
}
