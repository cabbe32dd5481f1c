package io.learnloop.examples.quickstart;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkout through the Sandbox provider on sdk-payment's pipeline, the way a host wires it: {@link Payments} starts
 * each payment, the payer pays at the provider, and every signed notification the provider sends goes, raw body and
 * headers, through {@link Payments#handleNotification} (verify, dedupe, check the amount against the order, settle
 * the order, grant access, post the ledger with the {@link RevenueBooks}' terms). Refunds go through the pipeline too.
 *
 * <p>Not thread-safe: the demo drives it from one thread.
 */
public final class SandboxCheckout {
    /** Refunds are allowed within this many days of payment. */
    public static final int REFUND_DAYS = 90;

    private final Learnloop learnloop;
    private final SandboxProvider sandbox;
    private final Payments payments;
    private final Map<OrderId, String> references = new HashMap<>();

    /**
     * Creates the checkout.
     *
     * @param platform the platform
     */
    public SandboxCheckout(DemoPlatform platform) {
        this.learnloop = platform.learnloop();
        this.sandbox = new SandboxProvider(SandboxConfig.builder()
                .key("whsec-2026", Secret.of("quickstart-webhook-secret-" + platform.signingKey().kid()))
                .clock(platform.clock())
                .ids(() -> learnloop.context().newId())
                .build());
        this.payments = Payments.builder(learnloop)
                .provider(sandbox)
                .refundPolicy(RefundPolicy.withinDays(REFUND_DAYS))
                .build();
    }

    /**
     * Queues a fault the provider injects into its next notification.
     *
     * @param scenario the fault
     */
    public void inject(SandboxScenario scenario) {
        sandbox.inject(scenario);
    }

    /**
     * Starts paying an order: it moves to AWAITING_PAYMENT and the provider creates the payment.
     *
     * @param order       the placed order
     * @param flow        how the payer pays
     * @param description what the payer sees
     * @return what the payer's client needs
     */
    public PaymentSession checkout(Order order, PaymentFlow flow, String description) {
        // the signed-in learner pays their own order
        Actor payer = Actor.learner(order.learner().value());
        PaymentSession session = payments.checkout(payer, CheckoutRequest.of(order.id(), ProviderId.SANDBOX, flow,
                description));
        references.put(order.id(), session.merchantReference());
        return session;
    }

    /**
     * The payer completes the payment at the provider.
     *
     * @param order the order
     */
    public void payerPays(OrderId order) {
        sandbox.pay(references.get(order));
    }

    /**
     * Delivers every notification the provider has due to the host's webhook endpoint.
     *
     * @return what the endpoint did with each
     */
    public List<Delivery> deliverNotifications() {
        List<Delivery> done = new ArrayList<>();
        for (SandboxNotification n : sandbox.deliverable()) {
            done.add(handle(n.body(), n.headers()));
        }
        return done;
    }

    /**
     * Takes the next notification the provider has due without delivering it, for example to tamper with a copy.
     *
     * @return the notification, or null
     */
    public SandboxNotification takeNotification() {
        List<SandboxNotification> due = sandbox.deliverable();
        return due.isEmpty() ? null : due.get(0);
    }

    /**
     * The host's webhook endpoint: the raw body and headers go to the pipeline unchanged.
     *
     * @param body    the raw body
     * @param headers the headers
     * @return what happened
     */
    public Delivery handle(byte[] body, Map<String, String> headers) {
        NotificationResult r = payments.handleNotification(ProviderId.SANDBOX, body, headers);
        return new Delivery(r.disposition().name(), r.order(), r.detail(), r.acknowledgement().accepted());
    }

    /**
     * Refunds what is left of one order line through the pipeline: the order records it, the provider returns the
     * money, the line's access is revoked, and the ledger claws every share back. The provider's confirmation is
     * delivered to the webhook endpoint before this returns.
     *
     * @param orderId   the order
     * @param line      the line
     * @param refundKey the idempotency key
     * @param reason    why
     * @return the pipeline's outcome and the provider's confirmation
     */
    public Refund refund(OrderId orderId, int line, String refundKey, String reason) {
        Order order = learnloop.commerce().order(DemoPlatform.FINANCE, orderId);
        // the learner asks for the refund; the refund policy decides
        Actor learner = Actor.learner(order.learner().value());
        OrderLine l = order.line(line);
        RefundOutcome outcome = payments.refund(learner, orderId, refundKey, List.of(LineAmount.of(line,
                l.refundable())), reason);
        return new Refund(outcome, learnloop.commerce().order(learner, orderId), deliverNotifications());
    }

    /**
     * A refund's result.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param outcome       what the pipeline did
     * @param order         the order afterwards
     * @param confirmations what the webhook endpoint did with the provider's refund notifications
     */
    public record Refund(RefundOutcome outcome, Order order, List<Delivery> confirmations) {
        /**
         * Copies the list.
         *
         * @param outcome       the outcome
         * @param order         the order
         * @param confirmations the confirmations
         */
        public Refund {
            confirmations = List.copyOf(confirmations);
        }
    }
}
