package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.settlement.SettlementResult;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.ProviderId;

/**
 * Settles a provider's confirmed payment through the core settlement, in ONE transaction with the attempt's move to
 * PAID and the notification's dedupe record: either the order is paid, granted, posted, its attempt marked and the
 * delivery recorded, or none of it. A lost race (another delivery of the same payment) runs the whole again, and
 * then finds the order settled.
 *
 * <p>Thread-safe: immutable.
 */
final class Settler {
    private final ServiceContext ctx;
    private final Settlement settlement;

    Settler(ServiceContext ctx, Settlement settlement) {
        this.ctx = ctx;
        this.settlement = settlement;
    }

    /**
     * Settles the payment of an attempt.
     *
     * @param attempt           the attempt the provider says was paid
     * @param providerPaymentId the provider's payment id, or null if it gave none
     * @param amount            what it says was paid
     * @param provider          the provider
     * @param record            the delivery's dedupe record to write with it (its disposition filled in), or null
     * @return what was done
     */
    Step settle(PaymentAttempt attempt, String providerPaymentId, Money amount, ProviderId provider,
                ReceivedNotification record) {
        String reference = providerPaymentId != null ? providerPaymentId : attempt.merchantReference();
        PaymentConfirmation payment = new PaymentConfirmation(attempt.order(), provider.value(), reference, amount);
        return ctx.transactRetrying(uow -> {
            SettlementResult result = settlement.settle(uow, payment);
            Step step = switch (result.status()) {
                case SETTLED -> new Step(Disposition.SETTLED, attempt.order(), "order paid", record != null);
                case ALREADY_SETTLED -> new Step(Disposition.ALREADY_SETTLED, attempt.order(), "order was already paid",
                        record != null);
                case HELD_FOR_REVIEW -> new Step(Disposition.KEPT_FOR_REVIEW, attempt.order(),
                        result.issue().kind() + ": " + result.issue().detail(), record != null);
            };
            if (paidBy(result.order(), provider, reference)) {
                markPaid(uow, attempt, providerPaymentId);
            }
            if (record != null) {
                Notifications.recordWithin(uow, record.settled(step.disposition().name(), step.detail()));
            }
            return step;
        });
    }

    private static boolean paidBy(Order order, ProviderId provider, String reference) {
        return order.payment() != null && order.payment().provider().equals(provider.value())
                && order.payment().reference().equals(reference);
    }

    private void markPaid(UnitOfWork uow, PaymentAttempt attempt, String providerPaymentId) {
        Versioned<PaymentAttempt> current = uow.get(PaymentTypes.ATTEMPT, attempt.id());
        if (!PaymentAttempt.PAID.equals(current.value().state())) {
            uow.update(PaymentTypes.ATTEMPT, current.value().with(PaymentAttempt.PAID, providerPaymentId, ctx.now()),
                    current.version());
        }
    }
}
