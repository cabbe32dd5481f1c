package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ErasureState;
import io.learnloop.core.store.Store;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.sandbox.SandboxScenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Erasing a learner who paid and was refunded through the payment pipeline. */
class PaymentErasureTest extends SandboxRefundTest {
    private Store store() {
        return p.f.learnloop.context().store();
    }

    @Test
    void erase_whenARefundAwaitsTheProvider_throwsErasureBlockedAndErasesNothing() {
        Order order = paidOrder("k1");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        assertThat(stored(order, "r1").state()).isIn(PaymentRefund.SENT, PaymentRefund.PENDING);
        List<String> before = MemoryStoreContents.of(store());

        assertThatThrownBy(() -> p.f.learnloop.personalData().erase(PipelineFixture.ADMIN,
                PipelineFixture.LEARNER.id(), null)).isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ERASURE_BLOCKED);
                    assertThat(e.getMessage()).contains("refund r1 of order " + order.id());
                });

        assertThat(MemoryStoreContents.of(store())).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void erase_whenTheRefundWasConfirmed_removesTheLearnerAndTheRefundReasonAndKeepsTheBooks() {
        Order order = paidOrder("k1");
        p.sandbox.inject(SandboxScenario.REFUND_PROCESSING);
        refundInFull(order, "r1");
        p.sandbox.completeRefund(stored(order, "r1").refundReference());
        p.sandbox.deliverable().forEach(this::deliver);
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        List<Balance> balances = p.f.learnloop.ledger().balances(PipelineFixture.FINANCE, CNY, null, 1000).items();
        assertThat(MemoryStoreContents.of(store())).anyMatch(l -> l.contains("changed mind"));

        ErasureOutcome outcome = p.f.learnloop.personalData().erase(PipelineFixture.ADMIN,
                PipelineFixture.LEARNER.id(), "asked in writing");

        assertThat(outcome.state()).isEqualTo(ErasureState.DONE);
        assertThat(outcome.stepsRun()).first().isEqualTo("payments");
        List<String> after = MemoryStoreContents.of(store());
        assertThat(after).noneMatch(l -> l.contains("changed mind"));
        assertThat(after).noneMatch(l -> l.matches(".*[^A-Za-z0-9._@+-]lena[^A-Za-z0-9._@+-].*"));
        assertThat(stored(order, "r1").amount()).isEqualTo(order.total());
        assertThat(p.f.learnloop.ledger().balances(PipelineFixture.FINANCE, CNY, null, 1000).items())
                .isEqualTo(balances);
        assertLedgerBalanced();
    }
}
