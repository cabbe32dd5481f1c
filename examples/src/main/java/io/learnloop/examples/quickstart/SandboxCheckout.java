package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.payment.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Secret;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checkout through the Sandbox provider, the way a host wires it: start the payment, let the payer pay, and run
 * every signed notification the provider sends through the webhook handling (verify the signature on the raw body,
 * dedupe by event id, check the amount against the order, settle the order, grant access, post the ledger).
 *
 * <p>Not thread-safe: the demo drives it from one thread.
 */
public final class SandboxCheckout {
    private final Learnloop learnloop;
    private final RevenueBooks books;
    private final SandboxProvider sandbox;
    private final Set<String> seenEvents = new HashSet<>();

    /**
     * Creates the checkout.
     *
     * @param platform the platform
     * @param books    the revenue books
     */
    public SandboxCheckout(DemoPlatform platform, RevenueBooks books) {
        this.learnloop = platform.learnloop();
        this.books = books;
        this.sandbox = new SandboxProvider(SandboxConfig.builder()
                .key("whsec-2026", Secret.of("quickstart-webhook-secret-" + platform.signingKey().kid()))
                .clock(platform.clock())
                .ids(() -> learnloop.context().newId())
                .build());
    }

    /**
     * The sandbox, to inject a fault for the next notification.
     *
     * @param scenario the fault
     */
    public void inject(SandboxScenario scenario) {
        sandbox.inject(scenario);
    }

    /**
     * Starts paying an order.
     *
     * @param order       the placed order
     * @param flow        how the payer pays
     * @param description what the payer sees
     * @return what the payer's client needs
     */
    public PaymentSession checkout(Order order, PaymentFlow flow, String description) {
        learnloop.commerce().startPayment(order.id());
        return sandbox.create(CreatePaymentRequest.builder(reference(order.id()), order.total(), flow)
                .description(description).idempotencyKey("pay-" + order.id().value()).build());
    }

    /**
     * The payer completes the payment at the provider.
     *
     * @param order the order
     */
    public void payerPays(OrderId order) {
        sandbox.pay(reference(order));
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
     * Takes the next notification the provider has due without delivering it, for example to forge a copy of it.
     *
     * @return the notification, or null
     */
    public SandboxNotification takeNotification() {
        List<SandboxNotification> due = sandbox.deliverable();
        return due.isEmpty() ? null : due.get(0);
    }

    /**
     * The host's webhook endpoint: raw body and headers in, what it did out.
     *
     * @param body    the raw body
     * @param headers the headers
     * @return what happened
     */
    public Delivery handle(byte[] body, Map<String, String> headers) {
        NotificationOutcome outcome = sandbox.parseNotification(body, headers);
        if (!(outcome instanceof NotificationOutcome.Verified verified)) {
            NotificationOutcome.Rejected r = (NotificationOutcome.Rejected) outcome;
            return new Delivery("REJECTED", null, r.reason() + ": " + r.detail(), false);
        }
        PaymentEvent event = verified.event();
        if (!seenEvents.add(event.eventId())) {
            return new Delivery("DUPLICATE", null, "event " + event.eventId() + " was handled before", true);
        }
        if (event.type() != PaymentEventType.PAYMENT_SUCCEEDED) {
            return new Delivery(event.type().name(), null, event.providerEventType(), true);
        }
        OrderId orderId = new OrderId(event.merchantReference());
        Order order = learnloop.commerce().order(orderId);
        NotificationOutcome checked = event.checkAgainst(reference(orderId), order.total());
        if (!checked.verified()) {
            return new Delivery("REJECTED", orderId, ((NotificationOutcome.Rejected) checked).detail(), false);
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            return new Delivery("ALREADY_SETTLED", orderId, "order is " + order.status(), true);
        }
        order = learnloop.commerce().markPaid(orderId,
                new PaymentReceipt(event.provider().value(), event.providerPaymentId(), event.amount()));
        grantAccess(order);
        books.postPayment(orderId);
        return new Delivery("SETTLED", orderId, "order paid", true);
    }

    private void grantAccess(Order order) {
        Instant start = order.paidAt();
        for (OrderLine line : order.lines()) {
            if (line.kind() == OfferKind.MEMBERSHIP) {
                learnloop.access().grant(GrantRequest.membership(order.learner(), line.offerId(),
                        line.membership().courses(), line.membership().categories(), start,
                        line.membership().period().endOf(start)));
            } else {
                learnloop.access().grant(GrantRequest.purchase(order.learner(), order.id(), lineId(line.line()),
                        line.courses(), start, null));
            }
        }
    }

    /**
     * Refunds an amount of one order line: the order records it, the provider returns the money, the line's access
     * is revoked when it is refunded in full, and the ledger claws every share back.
     *
     * @param orderId   the order
     * @param line      the line
     * @param refundKey the idempotency key
     * @param reason    why
     * @return the order after the refund
     */
    public Order refund(OrderId orderId, int line, String refundKey, String reason) {
        Order paid = learnloop.commerce().order(orderId);
        OrderLine l = paid.line(line);
        Order order = learnloop.commerce().refund(orderId,
                new RefundRequest(refundKey, List.of(LineAmount.of(line, l.refundable())), reason));
        sandbox.refund(io.learnloop.payment.RefundRequest.of(PaymentReference.of(reference(orderId)), refundKey,
                l.refundable(), paid.total(), reason));
        if (order.line(line).fullyRefunded()) {
            learnloop.access().revokeRefund(orderId, lineId(line), refundKey);
        }
        books.postRefund(orderId, refundKey);
        return order;
    }

    private static String reference(OrderId order) {
        return order.value();
    }

    private static String lineId(int line) {
        return "line-" + line;
    }
}
