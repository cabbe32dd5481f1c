package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.PaymentPosting;
import io.learnloop.core.ledger.RefundPosting;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.Capability;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.CreatePaymentRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentProvider;
import io.learnloop.payment.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.PaymentState;
import io.learnloop.payment.PaymentStatus;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.RefundQuery;
import io.learnloop.payment.RefundRequest;
import io.learnloop.payment.RefundResult;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.ReviewItem;
import io.learnloop.payment.internal.notification.NotificationIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The provider-neutral checkout, notification pipeline, reconciliation and refunds.
 *
 * <p>Exactly-once rests on the core's compare-and-set: the order moves AWAITING_PAYMENT to PAID once, whatever the
 * number of concurrent deliveries; access grants are idempotent per order line; the dedupe record only saves work.
 */
public final class DefaultPayments implements Payments {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPayments.class);

    private final ServiceContext ctx;
    private final CommerceService commerce;
    private final AccessService access;
    private final Map<ProviderId, PaymentProvider> providers = new LinkedHashMap<>();
    private final RefundPolicy refundPolicy;
    private final Duration reconcileAfter;
    private final LedgerService ledger;
    private final RevenuePolicy revenuePolicy;
    private final BiFunction<Order, OrderLine, LineParties> parties;
    private final NotificationIntake intake;

    /**
     * Creates the service.
     *
     * @param learnloop      the facade
     * @param providers      the providers
     * @param refundPolicy   the refund policy
     * @param reconcileAfter how long a payment waits before reconciliation queries it
     * @param revenuePolicy  the revenue terms for ledger postings, or null for no postings
     * @param parties        who earns from each line, or null for no postings
     * @param limits         how large a notification may be
     */
    public DefaultPayments(Learnloop learnloop, List<PaymentProvider> providers, RefundPolicy refundPolicy,
                           Duration reconcileAfter, RevenuePolicy revenuePolicy,
                           BiFunction<Order, OrderLine, LineParties> parties, NotificationLimits limits) {
        this.ctx = learnloop.context();
        this.commerce = learnloop.commerce();
        this.access = learnloop.access();
        for (PaymentProvider p : providers) {
            if (this.providers.put(p.id(), p) != null) {
                throw ValidationException.of("providers", "provider id '" + p.id() + "' is configured twice");
            }
        }
        if (this.providers.isEmpty()) {
            throw ValidationException.of("providers", "configure at least one payment provider");
        }
        this.refundPolicy = refundPolicy;
        this.reconcileAfter = reconcileAfter;
        this.ledger = learnloop.ledger();
        this.revenuePolicy = revenuePolicy;
        this.parties = parties;
        this.intake = new NotificationIntake(limits);
    }

    private PaymentProvider provider(ProviderId id) {
        PaymentProvider p = providers.get(id);
        if (p == null) {
            throw ValidationException.of("provider", "'" + id + "' is not configured; configured: " + providers.keySet());
        }
        return p;
    }

    // ---- references and keys derived from (order, operation, attempt) ----

    private String merchantReference(OrderId order, int attempt) {
        return "ll" + digest(ctx.tenant().value() + "/" + order.value(), 20) + "-" + attempt;
    }

    private String refundReference(OrderId order, String refundKey) {
        return "rf" + digest(ctx.tenant().value() + "/" + order.value() + "/" + refundKey, 24);
    }

    /**
     * The reference of a refund's provider attempt: the first is derived from (tenant, order, refund key); each one
     * sent after the provider failed or closed the previous adds {@code -r2}, {@code -r3}, ... so the provider takes it
     * as a new refund whether or not it would let a closed reference be used again.
     */
    private String refundReference(OrderId order, String refundKey, int resends) {
        String first = refundReference(order, refundKey);
        return resends == 0 ? first : first + "-r" + (resends + 1);
    }

    /** The first reference a provider attempt's reference was derived from. */
    static String firstReference(String reference) {
        int dash = reference.lastIndexOf("-r");
        return dash > 0 && dash + 2 < reference.length()
                && reference.substring(dash + 2).chars().allMatch(Character::isDigit) ? reference.substring(0, dash) : reference;
    }

    private static String refundIdempotencyKey(PaymentRefund r) {
        String key = idempotencyKey(r.order(), "refund", r.refundKey());
        return r.resends() == 0 ? key : key + ":r" + (r.resends() + 1);
    }

    private static String idempotencyKey(OrderId order, String operation, Object attempt) {
        return order.value() + ":" + operation + ":" + attempt;
    }

    private static String digest(String text, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ---- checkout ----

    @Override
    public PaymentSession checkout(CheckoutRequest request) {
        PaymentProvider provider = provider(request.provider());
        if (!provider.capabilities().contains(Capability.of(request.flow()))) {
            throw ValidationException.of("flow", provider.id() + " does not support " + request.flow());
        }
        Order order = commerce.order(request.order());
        if (order.status() == OrderStatus.CREATED) {
            try {
                order = commerce.startPayment(order.id());
            } catch (ConflictException e) {
                order = commerce.order(order.id());
            }
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + order.id().value() + " is "
                    + order.status() + "; only CREATED or AWAITING_PAYMENT orders can be paid.");
        }
        PaymentAttempt attempt = nextAttempt(order, provider, request);
        CreatePaymentRequest create = CreatePaymentRequest.builder(attempt.merchantReference(), order.total(), request.flow())
                .description(request.description())
                .idempotencyKey(idempotencyKey(order.id(), "create", attempt.attempt()))
                .returnUrl(request.returnUrl()).cancelUrl(request.cancelUrl()).payerId(request.payerId())
                .expiresAt(order.expiresAt())
                .metadata("order", order.id().value())
                .build();
        try {
            PaymentSession session = provider.create(create);
            save(attempt.with(PaymentAttempt.PENDING, session.providerPaymentId(), ctx.now()));
            return session;
        } catch (RemoteException e) {
            String state = e.outcomeUnknown() ? PaymentAttempt.UNKNOWN
                    : e.isRetryable() ? PaymentAttempt.NEW : PaymentAttempt.FAILED;
            save(attempt.with(state, null, ctx.now()));
            throw e;
        }
    }

    private PaymentAttempt nextAttempt(Order order, PaymentProvider provider, CheckoutRequest request) {
        List<PaymentAttempt> attempts = attemptsOf(order.id());
        PaymentAttempt latest = attempts.stream().filter(a -> a.provider().equals(provider.id().value()))
                .max(Comparator.comparingInt(PaymentAttempt::attempt)).orElse(null);
        int number = attempts.stream().mapToInt(PaymentAttempt::attempt).max().orElse(0) + 1;
        if (latest != null && latest.open()) {
            if (PaymentAttempt.UNKNOWN.equals(latest.state())) {
                // the last create may have reached the provider: ask before sending anything again
                PaymentStatus status = provider.query(new PaymentReference(latest.merchantReference(), latest.providerPaymentId()));
                if (status.state() == PaymentState.PAID) {
                    settle(latest, status.providerPaymentId(), status.amount(), provider.id());
                    throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + order.id().value()
                            + " was already paid through " + provider.id() + "; it is now settled.");
                }
                if (status.state() == PaymentState.CLOSED || status.state() == PaymentState.FAILED) {
                    save(latest.with(PaymentAttempt.CLOSED, null, ctx.now()));
                    return newAttempt(order, provider, request, number);
                }
                if (status.state() == PaymentState.NOT_FOUND) {
                    // Nothing the payer could pay exists under the old reference (a provider may even replay the old
                    // failure for the old key), so start afresh; reconciliation still checks the old attempt later.
                    return newAttempt(order, provider, request, number);
                }
                save(latest.with(PaymentAttempt.PENDING, status.providerPaymentId(), ctx.now()));
            }
            // same attempt, same reference and key: the provider returns the payment it already has
            return latest;
        }
        return newAttempt(order, provider, request, number);
    }

    private PaymentAttempt newAttempt(Order order, PaymentProvider provider, CheckoutRequest request, int number) {
        String ref = merchantReference(order.id(), number);
        PaymentAttempt a = new PaymentAttempt(provider.id().value() + ":" + ref, order.id(), provider.id().value(),
                number, ref, request.flow().name(), order.total(), PaymentAttempt.NEW, null, ctx.now(), ctx.now());
        return ctx.transact(uow -> uow.insert(PaymentTypes.ATTEMPT, a)).value();
    }

    private List<PaymentAttempt> attemptsOf(OrderId order) {
        return ctx.read(uow -> uow.findBy(PaymentTypes.ATTEMPT, "order", order.value())).stream()
                .map(Versioned::value).toList();
    }

    private void save(PaymentAttempt next) {
        ctx.transact(uow -> {
            Versioned<PaymentAttempt> current = uow.get(PaymentTypes.ATTEMPT, next.id());
            if (current.value().state().equals(PaymentAttempt.PAID) && !next.state().equals(PaymentAttempt.PAID)) {
                return current; // never step back from PAID
            }
            return uow.update(PaymentTypes.ATTEMPT, next, current.version());
        });
    }

    private void saveQuietly(PaymentAttempt next) {
        try {
            save(next);
        } catch (ConflictException e) {
            // a concurrent delivery moved the attempt; its state wins
        }
    }

    // ---- notifications ----

    @Override
    public NotificationResult handleNotification(ProviderId providerId, byte[] body, Map<String, String> headers) {
        PaymentProvider provider = provider(providerId);
        NotificationOutcome outcome = intake.parse(provider, body, headers);
        if (outcome instanceof NotificationOutcome.Rejected rejected) {
            LOG.warn("{} notification rejected: {} ({})", providerId, rejected.reason(), rejected.detail());
            return new NotificationResult(Disposition.REJECTED, outcome, provider.acknowledge(outcome), null, rejected.detail());
        }
        PaymentEvent event = ((NotificationOutcome.Verified) outcome).event();
        String key = providerId.value() + ":" + event.eventId();
        Optional<Versioned<ReceivedNotification>> seen = ctx.read(uow -> uow.find(PaymentTypes.NOTIFICATION, key));
        if (seen.isPresent() && !Disposition.RETRY_LATER.name().equals(seen.get().value().disposition())) {
            return new NotificationResult(Disposition.DUPLICATE, outcome, provider.acknowledge(outcome), null,
                    "event " + event.eventId() + " was processed before");
        }
        Step step = apply(provider, event);
        record(key, providerId, event, step);
        if (step.disposition == Disposition.KEPT_FOR_REVIEW) {
            LOG.warn("{} event {} kept for review: {}", providerId, event.eventId(), step.detail);
        } else {
            LOG.debug("{} event {} -> {}", providerId, event.eventId(), step.disposition);
        }
        Acknowledgement ack = step.disposition == Disposition.RETRY_LATER
                ? new Acknowledgement(503, "text/plain", "retry later")
                : provider.acknowledge(outcome);
        return new NotificationResult(step.disposition, outcome, ack, step.order, step.detail);
    }

    private record Step(Disposition disposition, OrderId order, String detail) {
    }

    private Step apply(PaymentProvider provider, PaymentEvent event) {
        if (event.type() == PaymentEventType.IGNORED) {
            return new Step(Disposition.IGNORED, null, event.providerEventType());
        }
        PaymentAttempt attempt = event.merchantReference() == null ? null : ctx.read(uow ->
                uow.find(PaymentTypes.ATTEMPT, provider.id().value() + ":" + event.merchantReference())).map(Versioned::value).orElse(null);
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
                return settle(attempt, event.providerPaymentId(), event.amount(), provider.id());
            }
            case PAYMENT_CLOSED, PAYMENT_FAILED -> {
                if (attempt.open()) {
                    saveQuietly(attempt.with(event.type() == PaymentEventType.PAYMENT_CLOSED ? PaymentAttempt.CLOSED
                            : PaymentAttempt.FAILED, null, ctx.now()));
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
        Order order = commerce.order(attempt.order());
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
                    + firstReference(event.refundReference()))).stream().map(Versioned::value).findFirst();
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
            moveRefund(stored.id(), stored.refundReference(), PaymentRefund.REVERSED, event.providerRefundId(), detail,
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
                now = queryRefund(provider, stored);
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
        moveRefund(stored.id(), stored.refundReference(), next, event.providerRefundId(), detail, "notification");
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

    /** Moves the order to PAID once and grants access for every line (idempotently). */
    private Step settle(PaymentAttempt attempt, String providerPaymentId, Money amount, ProviderId provider) {
        String receiptRef = providerPaymentId != null ? providerPaymentId : attempt.merchantReference();
        Order order = commerce.order(attempt.order());
        Disposition disposition;
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            try {
                order = commerce.markPaid(order.id(), new PaymentReceipt(provider.value(), receiptRef, amount));
                disposition = Disposition.SETTLED;
            } catch (ConflictException e) {
                order = commerce.order(order.id());
                disposition = null;
            }
        } else {
            disposition = null;
        }
        if (disposition == null) {
            if (order.payment() != null && order.payment().provider().equals(provider.value())
                    && order.payment().reference().equals(receiptRef)) {
                disposition = Disposition.ALREADY_SETTLED;
            } else if (order.payment() != null) {
                return new Step(Disposition.KEPT_FOR_REVIEW, order.id(), "the order was already paid by another payment ("
                        + order.payment().provider() + "); refund this one");
            } else {
                return new Step(Disposition.KEPT_FOR_REVIEW, order.id(), "paid while the order was " + order.status()
                        + "; refund the payment or reopen the order");
            }
        }
        grantAccess(order);
        postPayment(order);
        saveQuietly(attempt.with(PaymentAttempt.PAID, providerPaymentId, ctx.now()));
        return new Step(disposition, order.id(), disposition == Disposition.SETTLED ? "order paid" : "order was already paid");
    }

    private void grantAccess(Order order) {
        Instant paidAt = order.paidAt() != null ? order.paidAt() : ctx.now();
        for (OrderLine line : order.lines()) {
            if (line.refunded().isPositive() && line.refunded().equals(line.net())) {
                continue;
            }
            if (line.kind() == OfferKind.MEMBERSHIP) {
                // the ledger places the period after the learner's latest live one of the plan, atomically, and a
                // replayed settlement gets the line's period back; the period names the line that paid for it, so
                // refunding the line in full ends it
                access.grant(GrantRequest.paidPeriod(order.learner(), order.id(), lineId(line.line()),
                        line.offerId(), line.membership().courses(), line.membership().categories(), paidAt,
                        line.membership().period()));
            } else {
                access.grant(GrantRequest.purchase(order.learner(), order.id(), lineId(line.line()), line.courses(), paidAt, null));
            }
        }
    }

    private void postPayment(Order order) {
        if (revenuePolicy != null) {
            Order paid = order;
            // idempotent per order: a repeated settlement finds the entry already posted
            ledger.recordPayment(PaymentPosting.of(paid, revenuePolicy, line -> parties.apply(paid, line)));
        }
    }

    private static String lineId(int line) {
        return "line-" + line;
    }

    private void record(String key, ProviderId provider, PaymentEvent event, Step step) {
        ReceivedNotification n = new ReceivedNotification(key, provider.value(), event.eventId(), event.type().name(),
                event.merchantReference(), step.disposition.name(), step.detail, ctx.now());
        try {
            ctx.transact(uow -> {
                Optional<Versioned<ReceivedNotification>> current = uow.find(PaymentTypes.NOTIFICATION, key);
                if (current.isEmpty()) {
                    return uow.insert(PaymentTypes.NOTIFICATION, n);
                }
                if (Disposition.RETRY_LATER.name().equals(current.get().value().disposition())) {
                    return uow.update(PaymentTypes.NOTIFICATION, n, current.get().version());
                }
                return current.get();
            });
        } catch (ConflictException e) {
            // a concurrent copy of the same event recorded it first
        }
    }

    @Override
    public List<ReviewItem> reviewQueue() {
        return ctx.read(uow -> uow.findBy(PaymentTypes.NOTIFICATION, "disposition", Disposition.KEPT_FOR_REVIEW.name()))
                .stream().map(Versioned::value)
                .sorted(Comparator.comparing(ReceivedNotification::receivedAt))
                .map(n -> new ReviewItem(new ProviderId(n.provider()), n.eventId(), n.merchantReference(), n.detail(), n.receivedAt()))
                .toList();
    }

    // ---- reconciliation ----

    @Override
    public ReconciliationReport reconcile() {
        Instant now = ctx.now();
        List<OrderId> settled = new ArrayList<>();
        List<OrderId> expired = new ArrayList<>();
        List<OrderId> pending = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<PaymentAttempt> open = new ArrayList<>();
        for (String state : List.of(PaymentAttempt.NEW, PaymentAttempt.PENDING, PaymentAttempt.UNKNOWN)) {
            ctx.read(uow -> uow.findBy(PaymentTypes.ATTEMPT, "state", state)).forEach(v -> open.add(v.value()));
        }
        for (PaymentAttempt attempt : open) {
            if (attempt.createdAt().plus(reconcileAfter).isAfter(now)) {
                continue;
            }
            PaymentProvider provider = providers.get(new ProviderId(attempt.provider()));
            if (provider == null) {
                failures.add(attempt.id() + ": provider not configured");
                continue;
            }
            checked++;
            try {
                PaymentReference ref = new PaymentReference(attempt.merchantReference(), attempt.providerPaymentId());
                PaymentStatus status = provider.query(ref);
                Order order = commerce.order(attempt.order());
                if (status.state() == PaymentState.PAID || status.state() == PaymentState.REFUNDED) {
                    Money amount = status.amount() != null ? status.amount() : attempt.amount();
                    if (!amount.equals(attempt.amount())) {
                        failures.add(attempt.id() + ": paid " + amount + " but the order expects " + attempt.amount());
                        continue;
                    }
                    Step step = settle(attempt, status.providerPaymentId(), amount, provider.id());
                    if (step.disposition == Disposition.SETTLED || step.disposition == Disposition.ALREADY_SETTLED) {
                        settled.add(order.id());
                    } else {
                        failures.add(attempt.id() + ": " + step.detail);
                    }
                    continue;
                }
                boolean due = order.expiresAt() != null && !order.expiresAt().isAfter(now);
                if (status.state() == PaymentState.PENDING && due) {
                    provider.close(ref);
                }
                if (status.state() != PaymentState.PENDING || due) {
                    save(attempt.with(PaymentAttempt.CLOSED, null, now));
                }
                if (due && order.status() == OrderStatus.AWAITING_PAYMENT && attemptsOf(order.id()).stream()
                        .noneMatch(a -> a.open() && !a.id().equals(attempt.id()))) {
                    commerce.expire(order.id());
                    expired.add(order.id());
                } else if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                    pending.add(order.id());
                }
            } catch (RemoteException | ConflictException e) {
                failures.add(attempt.id() + ": " + e.getMessage());
            }
        }
        RefundReconciliation refunds = new RefundReconciliation(failures);
        reconcileRefunds(now, refunds);
        return new ReconciliationReport(checked, settled, expired, pending, refunds.sent, failures, refunds.checked,
                refunds.confirmed, refunds.review);
    }

    /** What the refund part of one reconciliation run did. */
    private static final class RefundReconciliation {
        final List<String> failures;
        final List<RefundReview> review = new ArrayList<>();
        int checked;
        int sent;
        int confirmed;

        RefundReconciliation(List<String> failures) {
            this.failures = failures;
        }
    }

    /**
     * Asks the provider about every refund whose fate is open: RETRY (the last send failed, perhaps after the
     * provider acted) at once; PENDING (stored but never sent, for example after a crash), SENT (accepted, its
     * notification has not come) and ACTION_REQUIRED once they have waited {@code reconcileAfter}. What the provider
     * knows wins; only a refund it does not know is sent again, with the same reference and idempotency key.
     * FAILED, BLOCKED, REVERSED and MISMATCH refunds are listed for review on every run without asking the provider:
     * they wait for a person (a FAILED one may have been reported by its notification alone).
     */
    private void reconcileRefunds(Instant now, RefundReconciliation report) {
        for (String state : List.of(PaymentRefund.FAILED, PaymentRefund.BLOCKED, PaymentRefund.REVERSED,
                PaymentRefund.MISMATCH)) {
            ctx.read(uow -> uow.findBy(PaymentTypes.REFUND, "state", state)).forEach(v -> report.review.add(review(v.value())));
        }
        List<PaymentRefund> open = new ArrayList<>();
        for (String state : List.of(PaymentRefund.RETRY, PaymentRefund.PENDING, PaymentRefund.SENT,
                PaymentRefund.ACTION_REQUIRED)) {
            ctx.read(uow -> uow.findBy(PaymentTypes.REFUND, "state", state)).forEach(v -> open.add(v.value()));
        }
        for (PaymentRefund r : open) {
            boolean waited = !r.updatedAt().plus(reconcileAfter).isAfter(now);
            if (!PaymentRefund.RETRY.equals(r.state()) && !waited) {
                if (PaymentRefund.ACTION_REQUIRED.equals(r.state())) {
                    // too early to ask again, but it still waits for a person: listed on every run
                    report.review.add(new RefundReview(new ProviderId(r.provider()), r.order(), r.refundKey(),
                            r.refundReference(), RefundState.ACTION_REQUIRED, r.detail()));
                }
                continue;
            }
            PaymentProvider provider = providers.get(new ProviderId(r.provider()));
            if (provider == null) {
                report.failures.add(r.id() + ": provider " + r.provider() + " not configured");
                continue;
            }
            try {
                reconcileRefund(provider, r, report);
            } catch (LearnloopException e) {
                // one refund the provider cannot be asked about (a provider error, or a stored payment id it refuses)
                // is reported and the run goes on: the other refunds must not wait behind it for ever
                report.failures.add(r.id() + ": " + e.getMessage());
            }
        }
    }

    /** The review entry for a refund that waits for a person in FAILED, BLOCKED, REVERSED or MISMATCH. */
    private static RefundReview review(PaymentRefund r) {
        ProviderId provider = new ProviderId(r.provider());
        return switch (r.state()) {
            case PaymentRefund.FAILED -> new RefundReview(provider, r.order(), r.refundKey(), r.refundReference(),
                    RefundState.FAILED, r.detail(), RefundReview.Issue.FAILED);
            case PaymentRefund.BLOCKED -> new RefundReview(provider, r.order(), r.refundKey(), r.refundReference(),
                    RefundState.NOT_FOUND, r.detail(), RefundReview.Issue.BLOCKED);
            case PaymentRefund.REVERSED -> new RefundReview(provider, r.order(), r.refundKey(), r.refundReference(),
                    RefundState.FAILED, r.detail(), RefundReview.Issue.FAILED_AFTER_CONFIRMED);
            default -> new RefundReview(provider, r.order(), r.refundKey(), r.refundReference(),
                    RefundState.SUCCEEDED, r.detail(), RefundReview.Issue.AMOUNT_MISMATCH);
        };
    }

    /** A repeated refund call for a refund in RETRY: the provider's answer wins, as in reconciliation. */
    private PaymentRefund recheck(PaymentRefund r) {
        PaymentProvider provider = providers.get(new ProviderId(r.provider()));
        if (provider == null) {
            return r;
        }
        try {
            reconcileRefund(provider, r, new RefundReconciliation(new ArrayList<>()));
        } catch (RemoteException e) {
            LOG.warn("{} refund {} could not be checked: {}", r.provider(), r.refundReference(), e.getMessage());
        }
        return ctx.read(uow -> uow.get(PaymentTypes.REFUND, r.id())).value();
    }

    private RefundResult queryRefund(PaymentProvider provider, PaymentRefund r) {
        PaymentAttempt paid = ctx.read(uow -> uow.get(PaymentTypes.ATTEMPT, r.attemptId())).value();
        return provider.queryRefund(new RefundQuery(
                new PaymentReference(paid.merchantReference(), paid.providerPaymentId()), r.refundReference(),
                r.providerRefundId()));
    }

    /** The provider's amount when it differs from the stored one, or null when it agrees or says none. */
    private static String amountMismatch(PaymentRefund r, RefundResult result) {
        if (result.amount() == null || result.amount().equals(r.amount())) {
            return null;
        }
        return "the provider reports " + result.amount() + " refunded (" + result.providerState()
                + ") but the refund recorded " + r.amount();
    }

    private void reconcileRefund(PaymentProvider provider, PaymentRefund r, RefundReconciliation report) {
        report.checked++;
        RefundResult result = queryRefund(provider, r);
        PaymentRefund now = current(r.id());
        if (!now.refundReference().equals(r.refundReference())) {
            // sent again under a new reference while the provider was asked about this one: the answer is about a
            // superseded attempt and says nothing about the refund as it is now
            return;
        }
        String mismatch = result.state() == RefundState.NOT_FOUND ? null : amountMismatch(r, result);
        if (mismatch != null) {
            if (moveRefund(r.id(), r.refundReference(), PaymentRefund.MISMATCH, result.providerRefundId(), mismatch,
                    null)) {
                LOG.warn("{} refund {} of order {}: {}; it needs a person", r.provider(), r.refundReference(),
                        r.order().value(), mismatch);
            }
            report.review.add(new RefundReview(provider.id(), r.order(), r.refundKey(), r.refundReference(),
                    result.state(), mismatch, RefundReview.Issue.AMOUNT_MISMATCH));
            return;
        }
        switch (result.state()) {
            case SUCCEEDED -> {
                if (moveRefund(r.id(), r.refundReference(), PaymentRefund.CONFIRMED, result.providerRefundId(), null,
                        "reconciliation")) {
                    report.confirmed++;
                }
            }
            case PENDING -> moveRefund(r.id(), r.refundReference(), PaymentRefund.SENT, result.providerRefundId(),
                    result.providerState(), null);
            case FAILED, ACTION_REQUIRED -> {
                String next = result.state() == RefundState.FAILED ? PaymentRefund.FAILED : PaymentRefund.ACTION_REQUIRED;
                moveRefund(r.id(), r.refundReference(), next, result.providerRefundId(), result.providerState(), null);
                LOG.warn("{} refund {} of order {} is {} ({}); it needs a person", r.provider(), r.refundReference(),
                        r.order().value(), result.state(), result.providerState());
                report.review.add(new RefundReview(provider.id(), r.order(), r.refundKey(), r.refundReference(),
                        result.state(), result.providerState()));
            }
            case NOT_FOUND -> {
                // nothing under this reference: send it again; the same reference and key cannot refund twice. Only
                // while its fate is still open: a notification may have settled it since it was read
                if (!OPEN.contains(now.state())) {
                    return;
                }
                PaymentRefund after = sendRefund(now);
                switch (after.state()) {
                    case PaymentRefund.SENT, PaymentRefund.CONFIRMED -> report.sent++;
                    case PaymentRefund.BLOCKED, PaymentRefund.MISMATCH -> report.review.add(review(after));
                    case PaymentRefund.FAILED, PaymentRefund.ACTION_REQUIRED -> report.review.add(new RefundReview(
                            provider.id(), r.order(), r.refundKey(), r.refundReference(),
                            PaymentRefund.FAILED.equals(after.state()) ? RefundState.FAILED : RefundState.ACTION_REQUIRED,
                            after.detail()));
                    default -> report.failures.add(r.id() + ": " + after.detail());
                }
            }
        }
    }

    /**
     * Moves a refund to another state under compare-and-set, retried on conflict. A CONFIRMED refund only moves to
     * REVERSED (the provider reported it failed after it succeeded); a REVERSED or MISMATCH refund does not move
     * here at all (a person decides, through {@link #resendRefund}). A notification and a reconciliation run that
     * race confirm it once, and only the one that confirms publishes {@link Payments#REFUND_CONFIRMED}. Confirming
     * moves no money and revokes nothing: both happened when the refund was recorded.
     *
     * <p>The move is about one provider attempt: if the refund was sent again under another reference since the
     * caller read it, the answer about the old attempt says nothing about the new one and nothing changes.
     *
     * @return whether this call changed the refund
     */
    private boolean moveRefund(String id, String attemptReference, String next, String providerRefundId, String detail,
                               String confirmedBy) {
        return ctx.transactRetrying(uow -> {
            Versioned<PaymentRefund> current = uow.get(PaymentTypes.REFUND, id);
            PaymentRefund r = current.value();
            if (!r.refundReference().equals(attemptReference)) {
                return false;
            }
            boolean reversal = PaymentRefund.CONFIRMED.equals(r.state()) && PaymentRefund.REVERSED.equals(next);
            boolean settled = SETTLED.contains(r.state());
            if ((settled && !reversal) || (next.equals(r.state()) && Objects.equals(detail, r.detail())
                    && (providerRefundId == null || providerRefundId.equals(r.providerRefundId())))) {
                return false;
            }
            uow.update(PaymentTypes.REFUND, r.with(next, providerRefundId, detail, ctx.now()), current.version());
            if (PaymentRefund.CONFIRMED.equals(next)) {
                uow.publish(ctx.event(Payments.REFUND_CONFIRMED, id, refundData(r, "confirmedBy", confirmedBy)));
            } else if (reversal) {
                uow.publish(ctx.event(Payments.REFUND_REVERSED, id, refundData(r, "detail", detail)));
            }
            return true;
        });
    }

    private static Map<String, String> refundData(PaymentRefund r, String key, String value) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("order", r.order().value());
        data.put("refundKey", r.refundKey());
        data.put("provider", r.provider());
        data.put("refundReference", r.refundReference());
        data.put("amount", r.amount().toDecimalString());
        data.put("currency", r.amount().currency().getCurrencyCode());
        data.put(key, value == null ? "" : value);
        return data;
    }

    // ---- refunds ----

    @Override
    public RefundOutcome refund(OrderId orderId, String refundKey, List<LineAmount> lines, String reason) {
        Order order = commerce.order(orderId);
        String id = orderId.value() + ":" + refundKey;
        Optional<Versioned<PaymentRefund>> existing = ctx.read(uow -> uow.find(PaymentTypes.REFUND, id));
        // a call that stopped after the order recorded this refund (and perhaps after it became REFUNDED, or after
        // the policy's window closed) is finished by repeating it: the order already said yes to this key
        if (existing.isEmpty() && order.refund(refundKey) == null) {
            if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.PARTIALLY_REFUNDED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + orderId.value() + " is " + order.status()
                        + "; only paid orders can be refunded.");
            }
            String refusal = refundPolicy.refusal(order, lines == null ? List.of() : lines, ctx.now());
            if (refusal != null) {
                throw new ForbiddenException("Refund refused by the refund policy: " + refusal);
            }
        }
        // the core caps every line under compare-and-set and is idempotent per refund key
        order = commerce.refund(orderId, new io.learnloop.core.commerce.RefundRequest(refundKey, lines, reason));
        if (revenuePolicy != null) {
            // idempotent per (order, refund key); claws back every share in proportion
            ledger.recordRefund(RefundPosting.of(orderId, order.refund(refundKey)));
        }
        PaymentAttempt paid = attemptsOf(orderId).stream().filter(a -> PaymentAttempt.PAID.equals(a.state())).findFirst()
                .orElseThrow(() -> new ConflictException(ErrorCode.INVALID_STATE, "Order " + orderId.value()
                        + " was not paid through this SDK; refund it at the provider."));
        Money amount = order.refund(refundKey).total();
        PaymentRefund record = new PaymentRefund(id, orderId, refundKey, paid.provider(), paid.id(),
                refundReference(orderId, refundKey), amount, reason, PaymentRefund.PENDING, null, null, ctx.now(), 0);
        PaymentRefund stored;
        boolean[] inserted = {false};
        try {
            stored = ctx.transact(uow -> {
                inserted[0] = false;
                return uow.find(PaymentTypes.REFUND, id).orElseGet(() -> {
                    inserted[0] = true;
                    return uow.insert(PaymentTypes.REFUND, record);
                });
            }).value();
        } catch (ConflictException e) {
            inserted[0] = false;
            stored = ctx.read(uow -> uow.get(PaymentTypes.REFUND, id)).value();
        }
        if (PaymentRefund.PENDING.equals(stored.state()) && inserted[0]) {
            stored = sendRefund(stored);
        } else if (PaymentRefund.RETRY.equals(stored.state()) || PaymentRefund.PENDING.equals(stored.state())) {
            // the last send may have reached the provider (a RETRY), or an earlier call stored the refund and may
            // have sent it before it stopped (a PENDING it did not insert now): ask before sending the same reference
            // again, since a provider's idempotency key does not last for ever (Stripe keeps it 24 hours)
            stored = recheck(stored);
        }
        List<Integer> revoked = new ArrayList<>();
        for (LineAmount la : order.refund(refundKey).lines()) {
            OrderLine line = order.line(la.line());
            if (line != null && line.refunded().equals(line.net())) {
                // a purchase line and a membership line alike: the grant names the line that paid for it
                List<Grant> grants = access.revokeRefund(orderId, lineId(line.line()), refundKey);
                if (grants.isEmpty() && line.kind() == OfferKind.MEMBERSHIP) {
                    LOG.warn("Order {} line {} was refunded in full but no membership period names it (granted "
                            + "before periods named their order); revoke it with AccessService.revoke",
                            orderId.value(), line.line());
                } else {
                    revoked.add(line.line());
                }
            }
        }
        return new RefundOutcome(order, stored.state(), stored.providerRefundId(), revoked, stored.detail());
    }

    @Override
    public RefundOutcome resendRefund(OrderId orderId, String refundKey) {
        String id = orderId.value() + ":" + refundKey;
        Versioned<PaymentRefund> seen = ctx.read(uow -> uow.find(PaymentTypes.REFUND, id)).orElseThrow(() ->
                new NotFoundException("refund", id));
        PaymentRefund r = seen.value();
        if (!RESENDABLE.contains(r.state())) {
            if (PaymentRefund.CONFIRMED.equals(r.state()) || PaymentRefund.SENT.equals(r.state())) {
                return resendOutcome(r); // nothing to do: done, or on its way
            }
            throw new ConflictException(ErrorCode.INVALID_STATE, "Refund '" + refundKey + "' of order "
                    + orderId.value() + " is " + r.state() + "; only FAILED, BLOCKED or REVERSED refunds can be sent "
                    + "again" + (PaymentRefund.RESOLVED.equals(r.state())
                    ? " (a person closed it as settled outside the SDK: " + r.resolution() + ")"
                    : PaymentRefund.MISMATCH.equals(r.state())
                    ? " (the provider reports another amount: settle it at the provider)"
                    : PaymentRefund.ACTION_REQUIRED.equals(r.state())
                    ? " (the provider waits for someone to act, for example to route the money in its merchant "
                    + "platform: act at the provider; reconcile confirms it once it succeeds)"
                    : " (call refund again or reconcile for one whose outcome is open)") + ".");
        }
        if (r.earlierSuccess() != null) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Refund '" + refundKey + "' of order "
                    + orderId.value() + " is not sent again: an earlier attempt reported success ('"
                    + r.earlierSuccess() + "', after the refund was sent again as '" + r.refundReference()
                    + "'). Check at the provider whether the payer was refunded, then close it with resolveRefund.");
        }
        PaymentProvider provider = provider(new ProviderId(r.provider()));
        // ask first: a failed answer may have been wrong, a blocked send may have reached the provider after all
        RefundResult found = queryRefund(provider, r);
        String mismatch = found.state() == RefundState.NOT_FOUND ? null : amountMismatch(r, found);
        PaymentRefund claimed;
        if (mismatch != null) {
            claim(seen, r.with(PaymentRefund.MISMATCH, found.providerRefundId(), mismatch, ctx.now()));
            return resendOutcome(current(id));
        }
        switch (found.state()) {
            case SUCCEEDED -> {
                claim(seen, r.with(PaymentRefund.CONFIRMED, found.providerRefundId(), null, ctx.now()),
                        ctx.event(Payments.REFUND_CONFIRMED, id, refundData(r, "confirmedBy", "resend")));
                return resendOutcome(current(id));
            }
            case PENDING, ACTION_REQUIRED -> {
                String next = found.state() == RefundState.PENDING ? PaymentRefund.SENT : PaymentRefund.ACTION_REQUIRED;
                claim(seen, r.with(next, found.providerRefundId(), found.providerState(), ctx.now()));
                return resendOutcome(current(id));
            }
            case NOT_FOUND -> claimed = r.with(PaymentRefund.PENDING, null, null, ctx.now());
            default -> {
                // the provider closed or failed this reference and would answer the same again: a new provider
                // attempt under the next derived reference; the order and the ledger keep their one refund
                claimed = r.resent(refundReference(orderId, refundKey, r.resends() + 1), ctx.now());
            }
        }
        if (!claim(seen, claimed)) {
            return resendOutcome(current(id)); // another call claimed it first and sends it
        }
        LOG.info("{} refund {} of order {} sent again as {}", r.provider(), r.refundReference(), orderId.value(),
                claimed.refundReference());
        return resendOutcome(sendRefund(current(id)));
    }

    @Override
    public RefundOutcome resolveRefund(OrderId orderId, String refundKey, String note) {
        new Validator().notBlank("note", note, MAX_NOTE).throwIfInvalid();
        String id = orderId.value() + ":" + refundKey;
        Versioned<PaymentRefund> seen = ctx.read(uow -> uow.find(PaymentTypes.REFUND, id)).orElseThrow(() ->
                new NotFoundException("refund", id));
        PaymentRefund r = seen.value();
        if (PaymentRefund.RESOLVED.equals(r.state())) {
            return resendOutcome(r); // resolved before: the first note stands
        }
        if (!RESOLVABLE.contains(r.state())) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Refund '" + refundKey + "' of order "
                    + orderId.value() + " is " + r.state() + "; only FAILED, BLOCKED, REVERSED or MISMATCH refunds "
                    + "can be resolved (" + (PaymentRefund.CONFIRMED.equals(r.state()) ? "it is settled"
                    : "its fate is still open: call reconcile, or act at the provider for ACTION_REQUIRED") + ").");
        }
        if (!claim(seen, r.resolved(note, ctx.now()))) {
            // a resend or a notification changed it first: decide on the refund as it is now
            return resolveRefund(orderId, refundKey, note);
        }
        LOG.info("{} refund {} of order {} resolved from {}: {}", r.provider(), r.refundReference(), orderId.value(),
                r.state(), note);
        return resendOutcome(current(id));
    }

    /** The states whose fate only the provider knows: reconciliation asks about them. */
    private static final Set<String> OPEN = Set.of(PaymentRefund.RETRY, PaymentRefund.PENDING, PaymentRefund.SENT,
            PaymentRefund.ACTION_REQUIRED);

    /** The states {@link #moveRefund} leaves alone (except CONFIRMED to REVERSED). */
    private static final Set<String> SETTLED = Set.of(PaymentRefund.CONFIRMED, PaymentRefund.REVERSED,
            PaymentRefund.MISMATCH, PaymentRefund.RESOLVED);

    /** The states a person may close with {@link #resolveRefund}: those listed for review on every run. */
    private static final Set<String> RESOLVABLE = Set.of(PaymentRefund.FAILED, PaymentRefund.BLOCKED,
            PaymentRefund.REVERSED, PaymentRefund.MISMATCH);

    /** The longest note {@link #resolveRefund} keeps. */
    private static final int MAX_NOTE = 500;

    private static final Set<String> RESENDABLE = Set.of(PaymentRefund.FAILED, PaymentRefund.BLOCKED,
            PaymentRefund.REVERSED);

    /** Replaces the refund only if nobody changed it since {@code seen} was read: two resends send once. */
    private boolean claim(Versioned<PaymentRefund> seen, PaymentRefund next) {
        return claim(seen, next, null);
    }

    /** As {@link #claim(Versioned, PaymentRefund)}, publishing the event with the change. */
    private boolean claim(Versioned<PaymentRefund> seen, PaymentRefund next, DomainEvent event) {
        try {
            ctx.transact(uow -> {
                uow.update(PaymentTypes.REFUND, next, seen.version());
                if (event != null) {
                    uow.publish(event);
                }
                return null;
            });
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    private PaymentRefund current(String id) {
        return ctx.read(uow -> uow.get(PaymentTypes.REFUND, id)).value();
    }

    private RefundOutcome resendOutcome(PaymentRefund r) {
        return new RefundOutcome(commerce.order(r.order()), r.state(), r.providerRefundId(), List.of(), r.detail());
    }

    private PaymentRefund sendRefund(PaymentRefund r) {
        PaymentProvider provider = providers.get(new ProviderId(r.provider()));
        PaymentAttempt paid = ctx.read(uow -> uow.get(PaymentTypes.ATTEMPT, r.attemptId())).value();
        Order order = commerce.order(r.order());
        PaymentRefund next;
        try {
            RefundResult result = provider.refund(new RefundRequest(
                    new PaymentReference(paid.merchantReference(), paid.providerPaymentId()), r.refundReference(),
                    r.amount(), order.total(), r.reason() == null ? null : truncate(r.reason(), 80),
                    refundIdempotencyKey(r)));
            String mismatch = amountMismatch(r, result);
            String state = mismatch != null ? PaymentRefund.MISMATCH : switch (result.state()) {
                case SUCCEEDED -> PaymentRefund.CONFIRMED;
                case FAILED -> PaymentRefund.FAILED;
                case ACTION_REQUIRED -> PaymentRefund.ACTION_REQUIRED;
                case NOT_FOUND -> PaymentRefund.RETRY;
                case PENDING -> PaymentRefund.SENT;
            };
            next = r.with(state, result.providerRefundId(), mismatch != null ? mismatch
                    : result.state() == RefundState.FAILED || result.state() == RefundState.ACTION_REQUIRED
                    ? result.providerState() : null, ctx.now());
        } catch (LearnloopException e) {
            // RETRY: reconciliation asks the provider before sending the same reference again; BLOCKED and FAILED
            // wait for resendRefund, which asks first too
            String state = RefundFailures.stateAfter(e);
            next = r.with(state, null, e.getMessage(), ctx.now());
            LOG.warn("{} refund {} failed ({}): {}", r.provider(), r.refundReference(), state, e.getMessage());
        }
        PaymentRefund update = next;
        if (PaymentRefund.CONFIRMED.equals(update.state())) {
            moveRefund(r.id(), r.refundReference(), PaymentRefund.CONFIRMED, update.providerRefundId(), null, "refund");
            return ctx.read(uow -> uow.get(PaymentTypes.REFUND, r.id())).value();
        }
        try {
            return ctx.transact(uow -> {
                Versioned<PaymentRefund> current = uow.get(PaymentTypes.REFUND, r.id());
                PaymentRefund c = current.value();
                if (SETTLED.contains(c.state()) || !c.refundReference().equals(r.refundReference())) {
                    // settled meanwhile, or sent again under a new reference: this answer is about an older state
                    return current;
                }
                // the answer applied to the refund as it is now, not to the copy read before the send
                return uow.update(PaymentTypes.REFUND, c.with(update.state(), update.providerRefundId(),
                        update.detail(), update.updatedAt()), current.version());
            }).value();
        } catch (ConflictException e) {
            // a notification moved the refund meanwhile; its state wins
            return ctx.read(uow -> uow.get(PaymentTypes.REFUND, r.id())).value();
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
