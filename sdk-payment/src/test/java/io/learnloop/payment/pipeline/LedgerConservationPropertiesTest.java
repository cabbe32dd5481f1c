package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.money.Money;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.ProviderId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerConservationPropertiesTest {
    private static final Currency CNY = Currency.getInstance("CNY");

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Long>>> refunds() {
        return Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.longs().between(1, 30000))
                .as(Tuple::of).list().ofMaxSize(6);
    }

    @Property(tries = 40)
    void payAndRefund_overRandomOrders_keepsEveryBalanceConsistent(
            @ForAll("price") long priceA, @ForAll("price") long priceB,
            @ForAll("refunds") List<Tuple.Tuple2<Integer, Long>> refunds) {
        PipelineFixture p = new PipelineFixture();
        Offer a = p.commerce.createOffer(PipelineFixture.CREATOR, OfferDraft.course("A", Money.ofMinor(priceA, "CNY"), p.java.id()));
        Offer b = p.commerce.createOffer(PipelineFixture.CREATOR, OfferDraft.course("B", Money.ofMinor(priceB, "CNY"), p.sql.id()));
        Order order = p.order("k", a, b);
        String ref = p.checkout(order);
        p.sandbox.pay(ref);
        p.sandbox.deliverable().forEach(n -> p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers()));

        int i = 0;
        for (Tuple.Tuple2<Integer, Long> r : refunds) {
            try {
                p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-" + (i++), List.of(LineAmount.of(r.get1(), Money.ofMinor(r.get2(), "CNY"))), null);
            } catch (LearnloopException e) {
                // more than is left on the line: refused, nothing changed
            }
        }

        Order after = p.commerce.order(PipelineFixture.FINANCE, order.id());
        LedgerService ledger = p.f.learnloop.ledger();
        long refunded = after.refunded().minor();
        for (OrderLine line : after.lines()) {
            assertThat(line.refunded().minor()).isBetween(0L, line.net().minor());
        }
        assertThat(ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream().mapToLong(x -> x.amount().minor()).sum()).isZero();
        assertThat(ledger.balance(PipelineFixture.FINANCE, LedgerAccount.clearing("sandbox"), CNY).minor()).isEqualTo(-(priceA + priceB - refunded));
        long paidOut = ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream().filter(x -> x.account().kind() != io.learnloop.core.ledger.AccountKind.CLEARING)
                .mapToLong(x -> x.amount().minor()).sum();
        assertThat(paidOut).isEqualTo(priceA + priceB - refunded);
        assertThat(p.sandbox.query(PaymentReference.of(ref)).amount().minor()).isEqualTo(priceA + priceB);
    }

    @Provide
    Arbitrary<Long> price() {
        return Arbitraries.longs().between(1, 50000);
    }
}
