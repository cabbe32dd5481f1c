package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.internal.notification.NotificationIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The notification pipeline: size limits, verify, decode, dedupe on (provider, event id), check the amount against
 * the attempt, settle through the core in one transaction with the dedupe record, acknowledge. It never throws for
 * what a delivery carries: a failure to settle becomes RETRY_LATER (the provider sends it again) or KEPT_FOR_REVIEW.
 *
 * <p>Thread-safe: immutable.
 */
final class NotificationPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationPipeline.class);

    private final ServiceContext ctx;
    private final Settlement settlement;
    private final Providers providers;
    private final Attempts attempts;
    private final Notifications notifications;
    private final Settler settler;
    private final RefundDesk refunds;
    private final NotificationIntake intake;

    NotificationPipeline(ServiceContext ctx, Settlement settlement, Providers providers, Attempts attempts,
                         Notifications notifications, Settler settler, RefundDesk refunds, NotificationIntake intake) {
        this.ctx = ctx;
        this.settlement = settlement;
        this.providers = providers;
        this.attempts = attempts;
        this.notifications = notifications;
        this.settler = settler;
        this.refunds = refunds;
        this.intake = intake;
    }

    NotificationResult handle(ProviderId providerId, byte[] body, Map<String, String> headers) {
        PaymentProvider provider = providers.get(providerId);
        NotificationOutcome outcome = intake.parse(provider, body, headers);
        if (outcome instanceof NotificationOutcome.Rejected rejected) {
            LOG.warn("{} notification rejected: {} ({})", providerId, rejected.reason(), rejected.detail());
            return new NotificationResult(Disposition.REJECTED, outcome, provider.acknowledge(outcome), null, rejected.detail());
        }
        PaymentEvent event = ((NotificationOutcome.Verified) outcome).event();
        String key = ReceivedNotification.idFor(providerId.value(), event.eventId());
        // A payment is deduped, settled and recorded by one transaction, which reads the dedupe record itself
        boolean settling = event.type() == PaymentEventType.PAYMENT_SUCCEEDED && event.merchantReference() != null;
        if (!settling) {
            Optional<ReceivedNotification> seen = notifications.find(key);
            if (seen.isPresent() && Notifications.done(seen.get())) {
                return duplicate(provider, outcome, event);
            }
        }
        ReceivedNotification record = new ReceivedNotification(key, providerId.value(), event.eventId(),
                event.type().name(), event.merchantReference(), null, null, ctx.now());
        Step step;
        try {
            step = settling ? settler.settleDelivery(providerId, event, record) : apply(provider, event, record);
            if (step.disposition() == Disposition.DUPLICATE) {
                return duplicate(provider, outcome, event);
            }
        } catch (RemoteException | ConflictException e) {
            // a provider that could not be asked, or a record in heavy use: the provider sends it again
            step = new Step(Disposition.RETRY_LATER, null, "could not process it now: " + e.getMessage());
        } catch (LearnloopException e) {
            step = new Step(Disposition.KEPT_FOR_REVIEW, null, "could not process it: " + e.getMessage());
        }
        if (!step.recorded()) {
            notifications.record(record.settled(step.disposition().name(), step.detail()));
        }
        if (step.disposition() == Disposition.KEPT_FOR_REVIEW) {
            LOG.warn("{} event {} kept for review: {}", providerId, event.eventId(), step.detail());
        } else {
            LOG.debug("{} event {} -> {}", providerId, event.eventId(), step.disposition());
        }
        Acknowledgement ack = step.disposition() == Disposition.RETRY_LATER
                ? new Acknowledgement(503, "text/plain", "retry later")
                : provider.acknowledge(outcome);
        return new NotificationResult(step.disposition(), outcome, ack, step.order(), step.detail());
    }

    private static NotificationResult duplicate(PaymentProvider provider, NotificationOutcome outcome, PaymentEvent event) {
        return new NotificationResult(Disposition.DUPLICATE, outcome, provider.acknowledge(outcome), null,
                "event " + event.eventId() + " was processed before");
    }

    private Step apply(PaymentProvider provider, PaymentEvent event, ReceivedNotification record) {
        if (event.type() == PaymentEventType.IGNORED) {
            return new Step(Disposition.IGNORED, null, event.providerEventType());
        }
        PaymentAttempt attempt = event.merchantReference() == null ? null
                : attempts.find(provider.id().value() + ":" + event.merchantReference());
        if (attempt == null) {
            return new Step(Disposition.KEPT_FOR_REVIEW, null, RejectionReason.UNKNOWN_PAYMENT + ": no payment '"
                    + event.merchantReference() + "' was started here");
        }
        switch (event.type()) {
            case PAYMENT_SUCCEEDED -> {
                if (event.amount() == null || !event.amount().equals(attempt.amount())) {
                    return new Step(Disposition.KEPT_FOR_REVIEW, attempt.order(), RejectionReason.AMOUNT_MISMATCH
                            + ": the event reports " + event.amount() + " but the order expects " + attempt.amount());
                }
                return settler.settle(attempt, event.providerPaymentId(), event.amount(), provider.id(), record);
            }
            case PAYMENT_CLOSED, PAYMENT_FAILED -> {
                if (attempt.open()) {
                    attempts.saveQuietly(attempt.with(event.type() == PaymentEventType.PAYMENT_CLOSED
                            ? PaymentAttempt.CLOSED : PaymentAttempt.FAILED, null, ctx.now()));
                }
                return new Step(Disposition.PAYMENT_CLOSED, attempt.order(), event.type().name());
            }
            case REFUND_SUCCEEDED, REFUND_FAILED -> {
                return refundEvent(provider, attempt, event);
            }
            default -> {
                return new Step(Disposition.IGNORED, attempt.order(), event.type().name());
            }
        }
    }

    private Step refundEvent(PaymentProvider provider, PaymentAttempt attempt, PaymentEvent event) {
        Order order = settlement.order(attempt.order());
        if (!PaymentAttempt.PAID.equals(attempt.state()) && order.payment() == null) {
            // a refund overtook its payment: have the provider resend it once the payment is settled
            return new Step(Disposition.RETRY_LATER, order.id(), "refund before payment; waiting for the payment event");
        }
        Optional<Versioned<PaymentRefund>> refund = event.refundReference() == null ? Optional.empty()
                : ctx.read(uow -> uow.findUnique(PaymentTypes.REFUND, "reference",
                        provider.id().value() + ":" + event.refundReference()));
        if (refund.isEmpty()) {
            Optional<PaymentRefund> superseded = event.refundReference() == null ? Optional.empty()
                    : ctx.read(uow -> uow.findBy(PaymentTypes.REFUND, "origin", provider.id().value() + ":"
                    + References.first(event.refundReference()))).stream().map(Versioned::value).findFirst();
            if (superseded.isPresent()) {
                return supersededAttempt(superseded.get(), order, event);
            }
            return new Step(Disposition.KEPT_FOR_REVIEW, order.id(), "refund '" + event.refundReference()
                    + "' was not started through the SDK (for example in the provider's dashboard)");
        }
        PaymentRefund stored = refund.get().value();
        if (PaymentRefund.RESOLVED.equals(stored.state())) {
            // a person closed it as settled outside the SDK: a success now may mean the money went out twice
            if (event.type() == PaymentEventType.REFUND_SUCCEEDED) {
                return new Step(Disposition.KEPT_FOR_REVIEW, order.id(), "refund '" + stored.refundReference()
                        + "' succeeded after refund '" + stored.refundKey() + "' was resolved (" + stored.resolution()
                        + ")" + REFUNDED_TWICE);
            }
            return new Step(Disposition.IGNORED, order.id(), "refund '" + stored.refundReference() + "' was resolved");
        }
        if (event.type() == PaymentEventType.REFUND_FAILED && PaymentRefund.CONFIRMED.equals(stored.state())) {
            // Stripe: a refund can fail after it succeeded. The books say the money was returned and it was not; a
            // person decides (resendRefund, or another way), so access and the ledger stay as they are
            String detail = "the provider reported the confirmed refund failed (" + eventDetail(event) + ")";
            refunds.moveRefund(stored.id(), stored.refundReference(), PaymentRefund.REVERSED, event.providerRefundId(), detail,
                    null);
            LOG.warn("{} refund {} of order {}: {}; it needs a person", provider.id(), stored.refundReference(),
                    order.id().value(), detail);
            return new Step(Disposition.REFUND_CONFIRMED, order.id(), "refund failed after it was confirmed");
        }
        if (event.type() == PaymentEventType.REFUND_SUCCEEDED && PaymentRefund.FAILED.equals(stored.state())) {
            // Providers do not keep their events in order (Stripe says so): a success that arrives after the failure
            // of the same refund may be the older news of a refund that succeeded, then failed. The provider's
            // current answer decides.
            RefundResult now;
            try {
                now = refunds.queryRefund(provider, stored);
            } catch (RemoteException e) {
                return new Step(Disposition.RETRY_LATER, order.id(), "refund '" + stored.refundReference()
                        + "' reported succeeded after it failed; the provider could not be asked: " + e.getMessage());
            }
            if (now.state() != RefundState.SUCCEEDED) {
                return new Step(Disposition.IGNORED, order.id(), "refund '" + stored.refundReference()
                        + "' reported succeeded, but the provider now reports it " + now.state() + " ("
                        + now.providerState() + "): an older event");
            }
        }
        String next = event.type() == PaymentEventType.REFUND_SUCCEEDED ? PaymentRefund.CONFIRMED : PaymentRefund.FAILED;
        String detail = next.equals(PaymentRefund.FAILED) ? eventDetail(event) : null;
        if (event.type() == PaymentEventType.REFUND_SUCCEEDED && event.amount() != null
                && !event.amount().equals(stored.amount())) {
            next = PaymentRefund.MISMATCH;
            detail = "the provider reports " + event.amount() + " refunded (" + event.providerEventType()
                    + ") but the refund recorded " + stored.amount();
        }
        refunds.moveRefund(stored.id(), stored.refundReference(), next, event.providerRefundId(), detail, "notification");
        return new Step(Disposition.REFUND_CONFIRMED, order.id(), "refund " + next.toLowerCase(java.util.Locale.ROOT));
    }

    private static String eventDetail(PaymentEvent event) {
        String reason = event.attributes().get("failure_reason");
        return event.providerEventType() + (reason == null ? "" : ": " + reason);
    }

    /**
     * An event about an earlier provider attempt of a refund that was sent again under a new reference: a failure is
     * old news; a success means the payer may have been refunded twice, so it is kept for a person.
     */
    private Step supersededAttempt(PaymentRefund current, Order order, PaymentEvent event) {
        if (event.type() == PaymentEventType.REFUND_FAILED) {
            return new Step(Disposition.IGNORED, order.id(), "refund attempt '" + event.refundReference()
                    + "' was superseded by '" + current.refundReference() + "'");
        }
        // remembered on the refund itself, so resendRefund refuses to send yet another attempt
        ctx.transactRetrying(uow -> {
            Versioned<PaymentRefund> v = uow.get(PaymentTypes.REFUND, current.id());
            return v.value().earlierSuccess() != null ? v : uow.update(PaymentTypes.REFUND,
                    v.value().withEarlierSuccess(event.refundReference(), ctx.now()), v.version());
        });
        return new Step(Disposition.KEPT_FOR_REVIEW, order.id(), "refund attempt '" + event.refundReference()
                + "' succeeded after refund '" + current.refundKey() + "' was sent again as '"
                + current.refundReference() + "'" + REFUNDED_TWICE);
    }

    /** How the review-queue detail of a success that may have refunded the payer twice ends. */
    private static final String REFUNDED_TWICE = ": the payer may have been refunded twice";

}
