package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.internal.pipeline.PaymentTypes;
import io.learnloop.payment.sandbox.SandboxNotification;

import java.time.Duration;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the refund pipeline tests share: the Java course sold through the Sandbox provider behind a
 * {@link CountingProvider}, a revenue ledger with two creators and two affiliate levels, and reconciliation after
 * five minutes.
 */
abstract class SandboxRefundTest {
    static final Currency CNY = Currency.getInstance("CNY");
    final PipelineFixture p = new PipelineFixture();
    final CountingProvider provider = new CountingProvider(p.sandbox);
    final Payments payments = Payments.builder(p.f.learnloop).provider(provider)
            .reconcileAfter(Duration.ofMinutes(5))
            .build();

    /** A paid and settled order for the Java course (CNY 199.00). */
    Order paidOrder(String key) {
        Order order = p.order(key, p.javaOffer);
        String ref = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.SANDBOX, PaymentFlow.QR_CODE, "Java"))
                .merchantReference();
        p.sandbox.pay(ref);
        p.sandbox.deliverable().forEach(n -> assertThat(deliver(n).disposition()).isEqualTo(Disposition.SETTLED));
        return order;
    }

    NotificationResult deliver(SandboxNotification n) {
        return payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
    }

    RefundOutcome refundInFull(Order order, String key) {
        return payments.refund(PipelineFixture.LEARNER, order.id(), key, List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), "changed mind");
    }

    PaymentRefund stored(Order order, String key) {
        return p.f.learnloop.context().read(uow -> uow.get(PaymentTypes.REFUND, order.id().value() + ":" + key)).value();
    }

    /** The ledger sums to zero and the provider's clearing account is empty: every cent paid went back. */
    void assertLedgerBalanced() {
        LedgerService ledger = p.f.learnloop.ledger();
        assertThat(ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream().mapToLong(b -> b.amount().minor()).sum()).isZero();
        assertThat(ledger.balance(PipelineFixture.FINANCE, LedgerAccount.clearing("sandbox"), CNY).minor()).isZero();
    }

    /** The whole order went back through one clawback: the payment and one refund entry, access revoked once. */
    void assertOneClawback(Order order) {
        assertLedgerBalanced();
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2); // the payment and one refund
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(1);
    }
}
