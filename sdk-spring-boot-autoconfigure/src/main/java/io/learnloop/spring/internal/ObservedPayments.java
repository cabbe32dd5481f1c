package io.learnloop.spring.internal;

import io.learnloop.core.Page;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.ReviewItem;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Payments} observed through Micrometer's Observation API, with low-cardinality tags only (provider ids,
 * dispositions, refund states; never an order id or amount):
 * <ul>
 *   <li>{@code learnloop.payment.notifications}: {@code provider}, {@code verdict} (the disposition, for example
 *       {@code settled}, {@code duplicate}, {@code rejected});</li>
 *   <li>{@code learnloop.payment.refunds}: {@code operation} (refund, resend, resolve) and {@code state};</li>
 *   <li>{@code learnloop.payment.checkouts}: {@code provider};</li>
 *   <li>{@code learnloop.payment.reconciliations}.</li>
 * </ul>
 *
 * <p>Thread-safe when the delegate is.
 */
public final class ObservedPayments implements Payments {
    private final Payments delegate;
    private final ObservationRegistry registry;

    /**
     * Wraps a service.
     *
     * @param delegate the service
     * @param registry the observation registry
     */
    public ObservedPayments(Payments delegate, ObservationRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public PaymentSession checkout(Actor actor, CheckoutRequest request) {
        return observe("learnloop.payment.checkouts", Map.of("provider", request.provider().value()),
                () -> delegate.checkout(actor, request), r -> Map.of());
    }

    @Override
    public NotificationResult handleNotification(ProviderId provider, byte[] body, Map<String, String> headers) {
        return observe("learnloop.payment.notifications", Map.of("provider", provider.value()),
                () -> delegate.handleNotification(provider, body, headers),
                r -> Map.of("verdict", r.disposition().name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public ReconciliationReport reconcile() {
        return observe("learnloop.payment.reconciliations", Map.of(), delegate::reconcile, r -> Map.of());
    }

    @Override
    public RefundOutcome refund(Actor actor, OrderId order, String refundKey, List<LineAmount> lines, String reason) {
        return refundObserved("refund", () -> delegate.refund(actor, order, refundKey, lines, reason));
    }

    @Override
    public RefundOutcome resendRefund(Actor actor, OrderId order, String refundKey) {
        return refundObserved("resend", () -> delegate.resendRefund(actor, order, refundKey));
    }

    @Override
    public RefundOutcome resolveRefund(Actor actor, OrderId order, String refundKey, String note) {
        return refundObserved("resolve", () -> delegate.resolveRefund(actor, order, refundKey, note));
    }

    @Override
    public Page<ReviewItem> reviewQueue(Actor actor, String cursor, int limit) {
        return delegate.reviewQueue(actor, cursor, limit);
    }

    private RefundOutcome refundObserved(String operation, Supplier<RefundOutcome> call) {
        return observe("learnloop.payment.refunds", Map.of("operation", operation), call,
                r -> Map.of("state", r.state().toLowerCase(Locale.ROOT)));
    }

    private <T> T observe(String name, Map<String, String> before, Supplier<T> call, Function<T, Map<String, String>> after) {
        return Observations.observe(registry, name, before, call, after);
    }

    @Override
    public String toString() {
        return "ObservedPayments[" + delegate + "]";
    }
}
