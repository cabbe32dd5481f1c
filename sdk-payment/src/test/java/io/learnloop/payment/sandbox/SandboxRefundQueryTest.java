package io.learnloop.payment.sandbox;

import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.Secret;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox answers refund queries from its own state, including processing refunds and lost requests. */
class SandboxRefundQueryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final SandboxProvider sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("secret"))
            .clock(clock).ids(IdGenerator.sequential("s")).build());
    private final Money price = Money.ofMinor(9900, "CNY");
    private final PaymentReference payment = PaymentReference.of("order-001");
    private final RefundQuery query = new RefundQuery(payment, "refund-001", null);

    private void paid() {
        sandbox.create(CreatePaymentRequest.builder("order-001", price, PaymentFlow.QR_CODE).build());
        sandbox.pay("order-001");
        sandbox.deliverable();
    }

    private void refund() {
        sandbox.refund(RefundRequest.of(payment, "refund-001", Money.ofMinor(3300, "CNY"), price, null));
    }

    private PaymentEventType delivered() {
        List<SandboxNotification> due = sandbox.deliverable();
        assertThat(due).hasSize(1);
        return ((NotificationOutcome.Verified) sandbox.parseNotification(due.get(0).body(), due.get(0).headers())).event().type();
    }

    @Test
    void queryRefund_whenRefunded_isSucceeded() {
        paid();
        refund();
        var r = sandbox.queryRefund(query);
        assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(r.amount()).isEqualTo(Money.ofMinor(3300, "CNY"));
    }

    @Test
    void queryRefund_whenProcessingThenCompleted_isPendingThenSucceededWithNotification() {
        paid();
        sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refund();
        assertThat(sandbox.deliverable()).isEmpty();
        assertThat(sandbox.queryRefund(query).state()).isEqualTo(RefundState.PENDING);
        sandbox.completeRefund("refund-001");
        assertThat(sandbox.queryRefund(query).state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(delivered()).isEqualTo(PaymentEventType.REFUND_SUCCEEDED);
    }

    @Test
    void queryRefund_whenClosed_isFailedWithNotification() {
        paid();
        sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refund();
        sandbox.closeRefund("refund-001");
        assertThat(sandbox.queryRefund(query).state()).isEqualTo(RefundState.FAILED);
        assertThat(delivered()).isEqualTo(PaymentEventType.REFUND_FAILED);
        assertThatThrownBy(() -> sandbox.closeRefund("refund-001")).isInstanceOf(ValidationException.class);
    }

    @Test
    void queryRefund_whenRequestWasLost_isNotFoundAndTheRetryRefunds() {
        paid();
        sandbox.inject(SandboxScenario.LOST_REQUEST);
        assertThatThrownBy(this::refund).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(sandbox.queryRefund(query).state()).isEqualTo(RefundState.NOT_FOUND);
        refund();
        assertThat(sandbox.queryRefund(query).state()).isEqualTo(RefundState.SUCCEEDED);
    }

    @Test
    void queryRefund_whenPaymentUnknown_isNotFound() {
        assertThat(sandbox.queryRefund(query).state()).isEqualTo(RefundState.NOT_FOUND);
    }
}
