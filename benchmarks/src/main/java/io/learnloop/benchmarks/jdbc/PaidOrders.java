package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.store.Store;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;

import java.time.Duration;
import java.util.List;

/**
 * A platform with one published course and its offer, whose orders are paid the way a real payment arrives: the
 * learner places the order and checks out with the Sandbox provider, pays, and the provider's signed notification
 * settles it through {@link Payments#handleNotification}.
 *
 * <p>Not thread-safe: one thread pays.
 */
final class PaidOrders {
    static final TenantId TENANT = TenantId.of("bench");

    final Learnloop learnloop;
    final Payments payments;
    private final SandboxProvider sandbox;
    private final Offer offer;
    private int paid;

    PaidOrders(Store store, MutableClock clock, Duration outboxRetention) {
        learnloop = Learnloop.builder().store(store).tenant(TENANT).clock(clock).idGenerator(IdGenerator.randomUuids())
                .outboxRetention(outboxRetention)
                .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(o -> List.of())).build();
        offer = BenchOffer.javaCourse(learnloop);
        // the provider signs with the platform's clock, or notifications would fall outside the tolerance once the
        // clock is moved past the retention
        sandbox = new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of("bench-secret")).clock(clock)
                .build());
        payments = Payments.builder(learnloop).provider(sandbox).build();
    }

    /** Places, checks out, pays and settles the next order, each for a new learner. */
    void payOne() {
        Actor learner = Actor.learner("learner-" + (++paid));
        Order order = learnloop.commerce().placeOrder(learner, PlaceOrder.of("k", offer.id()));
        String ref = payments.checkout(learner, CheckoutRequest.of(order.id(), ProviderId.SANDBOX,
                PaymentFlow.QR_CODE, "Java")).merchantReference();
        sandbox.pay(ref);
        for (SandboxNotification n : sandbox.deliverable()) {
            NotificationResult r = payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
            if (r.disposition() != Disposition.SETTLED) {
                throw new IllegalStateException(r.disposition() + ": " + r.detail());
            }
        }
    }

    int paid() {
        return paid;
    }
}
