package io.learnloop.payment.sandbox;

import io.learnloop.core.error.RemoteException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxProviderTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SandboxProvider sandbox = new SandboxProvider(SandboxConfig.builder()
            .key("k2", Secret.of("new-secret")).key("k1", Secret.of("old-secret")).clock(clock)
            .ids(IdGenerator.sequential("s")).build());
    private final Money price = Money.ofMinor(9900, "CNY");

    private void createAndPay(String ref) {
        sandbox.create(CreatePaymentRequest.builder(ref, price, PaymentFlow.QR_CODE).build());
        sandbox.pay(ref);
    }

    private NotificationOutcome parse(SandboxNotification n) {
        return sandbox.parseNotification(n.body(), n.headers());
    }

    @Test
    void pay_whenDelivered_verifiesAsPaymentSucceeded() {
        createAndPay("order-001");
        List<SandboxNotification> due = sandbox.deliverable();
        assertThat(due).hasSize(1);
        NotificationOutcome outcome = parse(due.get(0));
        assertThat(outcome).isInstanceOf(NotificationOutcome.Verified.class);
        var event = ((NotificationOutcome.Verified) outcome).event();
        assertThat(event.type()).isEqualTo(PaymentEventType.PAYMENT_SUCCEEDED);
        assertThat(event.merchantReference()).isEqualTo("order-001");
        assertThat(event.amount()).isEqualTo(price);
        assertThat(event.checkAgainst("order-001", Money.ofMinor(9800, "CNY")))
                .isEqualTo(new NotificationOutcome.Rejected(sandbox.id(), RejectionReason.AMOUNT_MISMATCH,
                        "the event reports " + price + " but the payment expects " + Money.ofMinor(9800, "CNY")));
        assertThat(sandbox.acknowledge(outcome).httpStatus()).isEqualTo(200);
    }

    @Test
    void parseNotification_whenSignedWithRotatedOutKey_isAcceptedWhileKeyConfigured() {
        SandboxProvider old = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("old-secret"))
                .clock(clock).build());
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"merchant\":\"sandbox-merchant\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        String header = old.signatureHeader(body, clock.instant());
        assertThat(sandbox.parseNotification(body, Map.of("sandbox-signature", header)).verified()).isTrue();
        SandboxProvider rotated = new SandboxProvider(SandboxConfig.builder().key("k2", Secret.of("new-secret"))
                .clock(clock).build());
        assertThat(((NotificationOutcome.Rejected) rotated.parseNotification(body, Map.of("Sandbox-Signature", header)))
                .reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void inject_whenDuplicate_deliversSameEventTwice() {
        sandbox.inject(SandboxScenario.DUPLICATE);
        createAndPay("order-002");
        List<SandboxNotification> due = sandbox.deliverable();
        assertThat(due).hasSize(2);
        String first = ((NotificationOutcome.Verified) parse(due.get(0))).event().eventId();
        String second = ((NotificationOutcome.Verified) parse(due.get(1))).event().eventId();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void inject_whenDelayed_holdsUntilClockPassesDelay() {
        sandbox.inject(SandboxScenario.DELAYED);
        createAndPay("order-003");
        assertThat(sandbox.deliverable()).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        List<SandboxNotification> due = sandbox.deliverable();
        assertThat(due).hasSize(1);
        // signed at the original time, ten minutes ago: beyond the five minute tolerance
        assertThat(((NotificationOutcome.Rejected) parse(due.get(0))).reason()).isEqualTo(RejectionReason.STALE_TIMESTAMP);
    }

    @Test
    void inject_whenOutOfOrder_deliversRefundBeforePayment() {
        sandbox.inject(SandboxScenario.OUT_OF_ORDER);
        createAndPay("order-004");
        assertThat(sandbox.deliverable()).isEmpty();
        sandbox.refund(RefundRequest.of(PaymentReference.of("order-004"), "refund-004", Money.ofMinor(100, "CNY"), price, null));
        List<SandboxNotification> due = sandbox.deliverable();
        assertThat(due).extracting(n -> ((NotificationOutcome.Verified) parse(n)).event().type())
                .containsExactly(PaymentEventType.REFUND_SUCCEEDED, PaymentEventType.PAYMENT_SUCCEEDED);
    }

    @Test
    void inject_whenExpiredTimestamp_isRejectedAsStale() {
        sandbox.inject(SandboxScenario.EXPIRED_TIMESTAMP);
        createAndPay("order-005");
        assertThat(((NotificationOutcome.Rejected) parse(sandbox.deliverable().get(0))).reason())
                .isEqualTo(RejectionReason.STALE_TIMESTAMP);
    }

    @Test
    void parseNotification_whenTimestampInFuture_isRejected() {
        createAndPay("order-006");
        SandboxNotification n = sandbox.deliverable().get(0);
        clock.advance(Duration.ofMinutes(-6));
        assertThat(((NotificationOutcome.Rejected) parse(n)).reason()).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
    }

    @Test
    void inject_whenBadSignature_isRejectedAndAckIsFailure() {
        sandbox.inject(SandboxScenario.BAD_SIGNATURE);
        createAndPay("order-007");
        NotificationOutcome outcome = parse(sandbox.deliverable().get(0));
        assertThat(((NotificationOutcome.Rejected) outcome).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(sandbox.acknowledge(outcome).accepted()).isFalse();
    }

    @Test
    void parseNotification_whenBodyReserialised_isRejected() {
        createAndPay("order-008");
        SandboxNotification n = sandbox.deliverable().get(0);
        byte[] spaced = new String(n.body(), StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        assertThat(((NotificationOutcome.Rejected) sandbox.parseNotification(spaced, n.headers())).reason())
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        Map<String, String> none = new HashMap<>();
        assertThat(((NotificationOutcome.Rejected) sandbox.parseNotification(n.body(), none)).reason())
                .isEqualTo(RejectionReason.MISSING_SIGNATURE);
    }

    @Test
    void inject_whenRateLimited_failsRetryableWithoutCreating() {
        sandbox.inject(SandboxScenario.RATE_LIMITED);
        assertThatThrownBy(() -> sandbox.create(CreatePaymentRequest.builder("order-009", price, PaymentFlow.REDIRECT).build()))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(429);
                });
        assertThat(sandbox.query(PaymentReference.of("order-009")).state()).isEqualTo(PaymentState.NOT_FOUND);
    }

    @Test
    void inject_whenServerError_failsWithUnknownOutcomeButActed() {
        sandbox.inject(SandboxScenario.SERVER_ERROR);
        assertThatThrownBy(() -> sandbox.create(CreatePaymentRequest.builder("order-010", price, PaymentFlow.REDIRECT).build()))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
        assertThat(sandbox.query(PaymentReference.of("order-010")).state()).isEqualTo(PaymentState.PENDING);
    }

    @Test
    void refund_whenRepeatedOrExceeding_refundsOnceAndRefusesExcess() {
        createAndPay("order-011");
        var first = sandbox.refund(RefundRequest.of(PaymentReference.of("order-011"), "refund-011a", Money.ofMinor(5000, "CNY"), price, null));
        var again = sandbox.refund(RefundRequest.of(PaymentReference.of("order-011"), "refund-011a", Money.ofMinor(5000, "CNY"), price, null));
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> sandbox.refund(RefundRequest.of(PaymentReference.of("order-011"), "refund-011b",
                Money.ofMinor(5000, "CNY"), price, null)))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.isRetryable()).isFalse());
    }

    @Test
    void close_whenPending_closesAndWhenPaid_refuses() {
        sandbox.create(CreatePaymentRequest.builder("order-012", price, PaymentFlow.QR_CODE).build());
        sandbox.close(PaymentReference.of("order-012"));
        assertThat(sandbox.query(PaymentReference.of("order-012")).state()).isEqualTo(PaymentState.CLOSED);
        createAndPay("order-013");
        assertThatThrownBy(() -> sandbox.close(PaymentReference.of("order-013"))).isInstanceOf(RemoteException.class);
    }
}
