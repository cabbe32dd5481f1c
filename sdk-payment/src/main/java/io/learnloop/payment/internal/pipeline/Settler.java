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
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;

import java.util.Optional;

/**
 * Settles a provider's confirmed payment through the core settlement, in ONE transaction with the attempt's move to
 * PAID and the notification's dedupe record (for a notification, with the reads of both as well): either the order is paid, granted, posted, its attempt marked and the
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
        return ctx.transactRetrying(uow -> {
            Step step = settleWithin(uow, attempt, null, providerPaymentId, amount, provider, record != null);
            if (record != null) {
                Notifications.recordWithin(uow, record.settled(step.disposition().name(), step.detail()));
            }
            return step;
        });
    }

    /**
     * Handles a verified payment notification in ONE transaction from its first read: the dedupe record and the
     * attempt are read by the unit of work that settles, so a delivery costs one transaction, and a copy of the same
     * event delivered at the same time loses the race on the dedupe record or the order and runs again to find it
     * processed.
     *
     * @param provider the provider
     * @param event    the verified PAYMENT_SUCCEEDED event, with a merchant reference
     * @param record   the delivery's dedupe record (its disposition filled in here)
     * @return what was done; DUPLICATE (with no order) when the event was processed before
     */
    Step settleDelivery(ProviderId provider, PaymentEvent event, ReceivedNotification record) {
        String attemptId = provider.value() + ":" + event.merchantReference();
        return ctx.transactRetrying(uow -> {
            Optional<Versioned<ReceivedNotification>> seen = uow.find(PaymentTypes.NOTIFICATION, record.id());
            if (seen.isPresent() && Notifications.done(seen.get().value())) {
                return new Step(Disposition.DUPLICATE, null, "event " + event.eventId() + " was processed before", true);
            }
            Optional<Versioned<PaymentAttempt>> found = uow.find(PaymentTypes.ATTEMPT, attemptId);
            Step step;
            if (found.isEmpty()) {
                step = new Step(Disposition.KEPT_FOR_REVIEW, null, RejectionReason.UNKNOWN_PAYMENT + ": no payment '"
                        + event.merchantReference() + "' was started here", true);
            } else if (event.amount() == null || !event.amount().equals(found.get().value().amount())) {
                step = new Step(Disposition.KEPT_FOR_REVIEW, found.get().value().order(), RejectionReason.AMOUNT_MISMATCH
                        + ": the event reports " + event.amount() + " but the order expects "
                        + found.get().value().amount(), true);
            } else {
                step = settleWithin(uow, found.get().value(), found.get(), event.providerPaymentId(), event.amount(),
                        provider, true);
            }
            ReceivedNotification settled = record.settled(step.disposition().name(), step.detail());
            if (seen.isEmpty()) {
                uow.insert(PaymentTypes.NOTIFICATION, settled);
            } else {
                uow.update(PaymentTypes.NOTIFICATION, settled, seen.get().version());
            }
            return step;
        });
    }

    /**
     * The core settlement of an attempt's payment, and the attempt's move to PAID, in the caller's unit of work.
     *
     * @param read the attempt as this unit of work read it, or null to read it here
     */
    private Step settleWithin(UnitOfWork uow, PaymentAttempt attempt, Versioned<PaymentAttempt> read,
                              String providerPaymentId, Money amount, ProviderId provider, boolean recorded) {
        String reference = providerPaymentId != null ? providerPaymentId : attempt.merchantReference();
        PaymentConfirmation payment = new PaymentConfirmation(attempt.order(), provider.value(), reference, amount);
        SettlementResult result = settlement.settle(uow, payment);
        Step step = switch (result.status()) {
            case SETTLED -> new Step(Disposition.SETTLED, attempt.order(), "order paid", recorded);
            case ALREADY_SETTLED -> new Step(Disposition.ALREADY_SETTLED, attempt.order(), "order was already paid",
                    recorded);
            case HELD_FOR_REVIEW -> new Step(Disposition.KEPT_FOR_REVIEW, attempt.order(),
                    result.issue().kind() + ": " + result.issue().detail(), recorded);
        };
        if (paidBy(result.order(), provider, reference)) {
            markPaid(uow, read != null ? read : uow.get(PaymentTypes.ATTEMPT, attempt.id()), providerPaymentId);
        }
        return step;
    }

    private static boolean paidBy(Order order, ProviderId provider, String reference) {
        return order.payment() != null && order.payment().provider().equals(provider.value())
                && order.payment().reference().equals(reference);
    }

    /** Moves the attempt to PAID from the state this unit of work read; its compare-and-set catches a change since. */
    private void markPaid(UnitOfWork uow, Versioned<PaymentAttempt> current, String providerPaymentId) {
        if (!PaymentAttempt.PAID.equals(current.value().state())) {
            uow.update(PaymentTypes.ATTEMPT, current.value().with(PaymentAttempt.PAID, providerPaymentId, ctx.now()),
                    current.version());
        }
    }
}
