package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.ReviewItem;
import io.learnloop.payment.internal.notification.NotificationIntake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The host-facing payments: checkout, the notification pipeline, refunds and reconciliation, each done by its own
 * desk; every settlement goes through the core's {@link Settlement}.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultPayments implements Payments {
    private final CheckoutDesk checkout;
    private final NotificationPipeline pipeline;
    private final RefundDesk refunds;
    private final Reconciler reconciler;
    private final Notifications notifications;

    /**
     * Creates the service.
     *
     * @param learnloop      the facade
     * @param providers      the providers
     * @param refundPolicy   the refund policy
     * @param reconcileAfter how long a payment waits before reconciliation queries it
     * @param limits         how large a notification may be
     */
    public DefaultPayments(Learnloop learnloop, List<PaymentProvider> providers, RefundPolicy refundPolicy,
                           Duration reconcileAfter, NotificationLimits limits) {
        ServiceContext ctx = learnloop.context();
        Settlement settlement = learnloop.settlement();
        Providers configured = new Providers(providers);
        Attempts attempts = new Attempts(ctx);
        Settler settler = new Settler(ctx, settlement);
        this.notifications = new Notifications(ctx);
        this.refunds = new RefundDesk(ctx, settlement, configured, attempts, refundPolicy);
        this.checkout = new CheckoutDesk(ctx, settlement, configured, attempts, settler);
        this.pipeline = new NotificationPipeline(ctx, settlement, configured, attempts, notifications, settler,
                refunds, new NotificationIntake(limits));
        this.reconciler = new Reconciler(ctx, settlement, configured, attempts, settler, refunds, reconcileAfter);
    }

    @Override
    public PaymentSession checkout(Actor actor, CheckoutRequest request) {
        return checkout.checkout(actor, request);
    }

    @Override
    public NotificationResult handleNotification(ProviderId provider, byte[] body, Map<String, String> headers) {
        return pipeline.handle(provider, body, headers);
    }

    @Override
    public ReconciliationReport reconcile() {
        return reconciler.reconcile();
    }

    @Override
    public RefundOutcome refund(Actor actor, OrderId order, String refundKey, List<LineAmount> lines, String reason) {
        return refunds.refund(actor, order, refundKey, lines, reason);
    }

    @Override
    public RefundOutcome resendRefund(Actor actor, OrderId order, String refundKey) {
        return refunds.resendRefund(actor, order, refundKey);
    }

    @Override
    public RefundOutcome resolveRefund(Actor actor, OrderId order, String refundKey, String note) {
        return refunds.resolveRefund(actor, order, refundKey, note);
    }

    @Override
    public Page<ReviewItem> reviewQueue(Actor actor, String cursor, int limit) {
        new Validator().notNull("actor", actor).throwIfInvalid();
        actor.require(Role.FINANCE, "read the notifications kept for review");
        return notifications.review(cursor, limit);
    }

    @Override
    public String toString() {
        return "Payments";
    }
}
