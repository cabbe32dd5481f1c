package io.learnloop.core.internal.settlement;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderRefund;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.internal.privacy.AuditTrail;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.access.DefaultAccessService;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.commerce.DefaultCommerceService;
import io.learnloop.core.internal.ledger.DefaultLedgerService;
import io.learnloop.core.store.Pages;
import io.learnloop.core.ledger.PaymentPosting;
import io.learnloop.core.ledger.RefundPosting;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.settlement.BookedRefund;
import io.learnloop.core.settlement.IssueKind;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.settlement.RefundSettlement;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.settlement.SettlementIssue;
import io.learnloop.core.settlement.SettlementResult;
import io.learnloop.core.settlement.SettlementStatus;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settlement on the core store: each payment or refund is one unit of work over the order, the access ledger and the
 * revenue ledger.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultSettlement implements Settlement {
    private static final int MAX_NOTE = 500;

    private final ServiceContext ctx;
    private final DefaultCommerceService commerce;
    private final DefaultAccessService access;
    private final DefaultLedgerService ledger;
    private final RevenueTerms revenue;
    private final RevocationFollower followers;

    /**
     * Creates the settlement.
     *
     * @param ctx      the facade's context
     * @param commerce the orders
     * @param access   the access ledger
     * @param ledger   the revenue ledger
     * @param revenue   how orders are posted, or null to post nothing
     * @param followers what a refund takes back with each grant it revokes
     */
    public DefaultSettlement(ServiceContext ctx, DefaultCommerceService commerce, DefaultAccessService access,
                             DefaultLedgerService ledger, RevenueTerms revenue, RevocationFollower followers) {
        this.followers = Objects.requireNonNull(followers, "followers");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.commerce = Objects.requireNonNull(commerce, "commerce");
        this.access = Objects.requireNonNull(access, "access");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.revenue = revenue;
    }

    @Override
    public Order order(OrderId id) {
        return commerce.order(id);
    }

    @Override
    public Order awaitPayment(OrderId id) {
        return commerce.awaitPayment(id);
    }

    @Override
    public Order expire(OrderId id) {
        return commerce.expire(id);
    }

    @Override
    public SettlementResult settle(UnitOfWork uow, PaymentConfirmation payment) {
        new Validator().notNull("uow", uow).notNull("payment", payment).throwIfInvalid();
        Versioned<Order> v = uow.get(CommerceTypes.ORDER, payment.order().value());
        Order o = v.value();
        if (o.payment() != null) {
            if (o.payment().provider().equals(payment.channel()) && o.payment().reference().equals(payment.reference())) {
                return new SettlementResult(SettlementStatus.ALREADY_SETTLED, o, List.of(),
                        uow.find(SettlementTypes.ISSUE, issueId(payment)).map(Versioned::value).orElse(null));
            }
            return held(uow, o, payment, IssueKind.PAID_TWICE, "order " + o.id() + " was already paid by "
                    + o.payment().provider() + " payment '" + o.payment().reference() + "'; refund this payment at "
                    + payment.channel());
        }
        if (o.status() != OrderStatus.CREATED && o.status() != OrderStatus.AWAITING_PAYMENT) {
            return held(uow, o, payment, IssueKind.ORDER_CLOSED, "order " + o.id() + " was " + o.status()
                    + " when the money came; refund the payment at " + payment.channel() + ", or place a new order");
        }
        if (!o.total().equals(payment.amount())) {
            return held(uow, o, payment, IssueKind.AMOUNT_MISMATCH, payment.channel() + " took " + payment.amount()
                    + " but order " + o.id() + " costs " + o.total() + "; nothing was settled: refund the payment");
        }
        Order paid = commerce.payWithin(uow, v, new PaymentReceipt(payment.channel(), payment.reference(),
                payment.amount()));
        Instant paidAt = paid.paidAt() != null ? paid.paidAt() : ctx.now();
        List<Grant> grants = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (OrderLine line : paid.lines()) {
            CourseId gone = firstMissing(uow, line);
            if (gone != null) {
                unavailable.add("line " + line.line() + " (course '" + gone + "')");
                continue;
            }
            grants.add(access.grantWithin(uow, grantOf(paid, line, paidAt, payment), null));
        }
        if (revenue != null) {
            // the revenue of a pay-per-outcome line's at-risk part is deferred until its outcome is final
            ledger.postPaymentWithin(uow, PaymentPosting.of(paid, revenue.policy(),
                    line -> revenue.parties().partiesOf(paid, line, coursesOf(uow, line)))
                    .withChannelFee(payment.channelFeeBps()), OutcomeDecisions.atRisk(paid));
        }
        OutcomeDecisions.scheduleWithin(uow, paid);
        if (!unavailable.isEmpty()) {
            SettlementIssue issue = raise(uow, paid, payment, IssueKind.CONTENT_UNAVAILABLE, "order " + paid.id()
                    + " was paid, but " + String.join(", ", unavailable) + " sells content that no longer exists and"
                    + " was not granted; refund those lines, or grant access to a replacement by hand");
            return new SettlementResult(SettlementStatus.HELD_FOR_REVIEW, paid, grants, issue);
        }
        return new SettlementResult(SettlementStatus.SETTLED, paid, grants, null);
    }

    /**
     * The grant that delivers one paid line: a purchase, or a membership period: the one the channel sold when it
     * names its dates, else one placed after the latest one.
     */
    private static GrantRequest grantOf(Order order, OrderLine line, Instant paidAt, PaymentConfirmation payment) {
        if (line.kind() == OfferKind.MEMBERSHIP && payment.periodStart() != null) {
            return GrantRequest.membership(order.learner(), order.id(), lineId(line.line()), line.offerId(),
                    line.membership().courses(), line.membership().categories(), payment.periodStart(),
                    payment.periodEnd());
        }
        if (line.kind() == OfferKind.MEMBERSHIP) {
            return GrantRequest.paidPeriod(order.learner(), order.id(), lineId(line.line()), line.offerId(),
                    line.membership().courses(), line.membership().categories(), paidAt, line.membership().period());
        }
        return GrantRequest.purchase(order.learner(), order.id(), lineId(line.line()), line.courses(), paidAt, null);
    }

    private static CourseId firstMissing(UnitOfWork uow, OrderLine line) {
        List<CourseId> courses = line.kind() == OfferKind.MEMBERSHIP ? line.membership().courses() : line.courses();
        for (CourseId course : courses) {
            if (uow.find(CatalogTypes.COURSE, course.value()).isEmpty()) {
                return course;
            }
        }
        return null;
    }

    /** The courses a line sells, as this transaction reads them: a membership's listed and category courses. */
    private static List<Course> coursesOf(UnitOfWork uow, OrderLine line) {
        Map<String, Course> courses = new LinkedHashMap<>();
        List<CourseId> listed = line.kind() == OfferKind.MEMBERSHIP ? line.membership().courses() : line.courses();
        for (CourseId id : listed) {
            uow.find(CatalogTypes.COURSE, id.value()).ifPresent(c -> courses.put(id.value(), c.value()));
        }
        if (line.kind() == OfferKind.MEMBERSHIP) {
            for (String category : line.membership().categories()) {
                for (Versioned<Course> c : uow.findBy(CatalogTypes.COURSE, CatalogTypes.BY_CATEGORY, category)) {
                    courses.putIfAbsent(c.value().id().value(), c.value());
                }
            }
        }
        return List.copyOf(courses.values());
    }

    /** The id an order line's grants carry, so a refund of the line finds them. */
    static String lineId(int line) {
        return "line-" + line;
    }

    private SettlementResult held(UnitOfWork uow, Order order, PaymentConfirmation payment, IssueKind kind,
                                  String detail) {
        return new SettlementResult(SettlementStatus.HELD_FOR_REVIEW, order, List.of(),
                raise(uow, order, payment, kind, detail));
    }

    /** Raises the issue once per payment: a repeated delivery finds the one raised first. */
    private SettlementIssue raise(UnitOfWork uow, Order order, PaymentConfirmation payment, IssueKind kind,
                                  String detail) {
        String id = issueId(payment);
        return uow.find(SettlementTypes.ISSUE, id).map(Versioned::value).orElseGet(() -> uow.insert(
                SettlementTypes.ISSUE, new SettlementIssue(id, order.id(), order.learner(), payment.channel(),
                        payment.reference(), payment.amount(), kind, detail, ctx.now(), null, null, null)).value());
    }

    private static String issueId(PaymentConfirmation payment) {
        return payment.order().value() + ":" + payment.channel() + ":" + payment.reference();
    }

    @Override
    public RefundSettlement refund(UnitOfWork uow, OrderId orderId, RefundRequest request) {
        new Validator().notNull("uow", uow).notNull("order", orderId).notNull("request", request).throwIfInvalid();
        Order order = commerce.refundWithin(uow, orderId, request);
        OrderRefund refund = order.refund(request.refundKey());
        if (revenue != null && ledger.paymentPosted(uow, orderId)) {
            // claws back every share in proportion; idempotent per (order, refund key)
            ledger.postRefundWithin(uow, RefundPosting.of(orderId, refund));
        }
        List<Integer> revoked = new ArrayList<>();
        for (LineAmount la : refund.lines()) {
            OrderLine line = order.line(la.line());
            if (line == null || !line.fullyRefunded()) {
                continue;
            }
            List<Grant> grants = access.revokeLineWithin(uow, orderId, lineId(line.line()), request.refundKey());
            for (Grant g : grants) {
                followers.revoked(uow, g);
            }
            if (!grants.isEmpty()) {
                revoked.add(line.line());
            }
        }
        return new RefundSettlement(order, refund, revoked);
    }

    @Override
    public SettlementResult settle(Actor actor, PaymentConfirmation payment) {
        requireFinance(actor, "confirm a payment");
        return ctx.transactRetrying(uow -> settle(uow, payment));
    }

    @Override
    public RefundSettlement refund(Actor actor, OrderId order, RefundRequest request) {
        requireFinance(actor, "refund an order");
        return ctx.transactRetrying(uow -> {
            RefundSettlement done = refund(uow, order, request);
            AuditTrail.appendOnce(ctx, uow, order + "\n" + request.refundKey(), actor.id(), AuditAction.REFUNDED,
                    done.order().learner(),
                    "order " + order + " refund " + request.refundKey(), request.reason());
            return done;
        });
    }

    @Override
    public Page<SettlementIssue> issues(Actor actor, String cursor, int limit) {
        requireFinance(actor, "read the payments held for review");
        return ctx.read(uow -> Pages.page(uow, SettlementTypes.ISSUE, SettlementTypes.BY_STATE, "open",
                IndexRange.first(limit), cursor, i -> i));
    }

    @Override
    public SettlementIssue resolveIssue(Actor actor, String issueId, String note) {
        requireFinance(actor, "resolve a payment held for review");
        new Validator().notBlank("issueId", issueId, 400).notBlank("note", note, MAX_NOTE).throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            Versioned<SettlementIssue> v = uow.get(SettlementTypes.ISSUE, issueId);
            if (!v.value().open()) {
                return v.value();
            }
            return uow.update(SettlementTypes.ISSUE, v.value().resolved(note, actor.id(), ctx.now()), v.version())
                    .value();
        });
    }

    /**
     * Books a refund the settlement recorded without asking a channel to return the money, so it awaits return, in
     * the caller's unit of work; a refund booked before is left as it is.
     *
     * @param uow    the unit of work that settled the refund
     * @param order  the order, as refunded
     * @param refund the refund on it
     */
    static void awaitReturnWithin(UnitOfWork uow, Order order, OrderRefund refund) {
        String id = BookedRefund.idOf(order.id(), refund.refundKey());
        if (uow.find(SettlementTypes.BOOKED_REFUND, id).isEmpty()) {
            String channel = order.payment() == null ? "" : order.payment().provider();
            uow.insert(SettlementTypes.BOOKED_REFUND, new BookedRefund(id, order.id(), refund.refundKey(), channel,
                    refund.total(), refund.refundedAt(), null, null, null));
        }
    }

    @Override
    public Page<BookedRefund> awaitingReturn(Actor actor, String cursor, int limit) {
        requireFinance(actor, "read the refunds awaiting money return");
        return ctx.read(uow -> Pages.page(uow, SettlementTypes.BOOKED_REFUND, SettlementTypes.AWAITING_RETURN,
                SettlementTypes.AWAITING, IndexRange.first(limit), cursor, r -> r));
    }

    @Override
    public Page<BookedRefund> awaitingReturn(String channel, String cursor, int limit) {
        new Validator().notBlank("channel", channel, 64).throwIfInvalid();
        return ctx.read(uow -> Pages.page(uow, SettlementTypes.BOOKED_REFUND, SettlementTypes.AWAITING_BY_CHANNEL,
                channel, IndexRange.first(limit), cursor, r -> r));
    }

    @Override
    public boolean markReturned(UnitOfWork uow, OrderId order, String refundKey, String channel) {
        new Validator().notNull("uow", uow).notNull("order", order).notBlank("refundKey", refundKey, 128)
                .notBlank("channel", channel, 64).throwIfInvalid();
        Versioned<BookedRefund> v = uow.find(SettlementTypes.BOOKED_REFUND, BookedRefund.idOf(order, refundKey))
                .orElse(null);
        if (v == null || v.value().returned()) {
            return false;
        }
        uow.update(SettlementTypes.BOOKED_REFUND, v.value().returnedBy(channel, ctx.now()), v.version());
        return true;
    }

    @Override
    public boolean markTaken(UnitOfWork uow, OrderId order, String refundKey, String channel) {
        new Validator().notNull("uow", uow).notNull("order", order).notBlank("refundKey", refundKey, 128)
                .notBlank("channel", channel, 64).throwIfInvalid();
        Versioned<BookedRefund> v = uow.find(SettlementTypes.BOOKED_REFUND, BookedRefund.idOf(order, refundKey))
                .orElse(null);
        if (v == null || v.value().returned() || v.value().taken()) {
            return false;
        }
        uow.update(SettlementTypes.BOOKED_REFUND, v.value().takenOn(ctx.now()), v.version());
        return true;
    }

    private static void requireFinance(Actor actor, String operation) {
        new Validator().notNull("actor", actor).throwIfInvalid();
        actor.require(Role.FINANCE, operation);
    }

    @Override
    public String toString() {
        return "Settlement";
    }
}
