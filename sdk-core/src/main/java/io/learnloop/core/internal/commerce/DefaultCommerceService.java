package io.learnloop.core.internal.commerce;

import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.CommerceSettings;
import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.CouponCode;
import io.learnloop.core.commerce.CouponDraft;
import io.learnloop.core.commerce.CouponRejectedException;
import io.learnloop.core.commerce.CouponRejection;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.LineOutcome;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderRefund;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.Quote;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.CurrencyMismatchException;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The commerce service on the core store.
 *
 * <p>Thread-safe: holds only immutable state; all shared state lives in the store.
 */
public final class DefaultCommerceService implements CommerceService {
    /** Placing retries when a concurrent order took the same coupon slot or counter; each retry re-reads. */
    private static final int MAX_ATTEMPTS = ConflictRetry.ATTEMPTS;
    /** How long the order for the rest of a deposit waits for its payment. */
    public static final java.time.Duration REST_PAYABLE = java.time.Duration.ofDays(30);

    private final ServiceContext ctx;
    private final CommerceSettings settings;

    /**
     * Creates the service.
     *
     * @param ctx      the facade's context
     * @param settings the settings
     */
    public DefaultCommerceService(ServiceContext ctx, CommerceSettings settings) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    // ---- offers and coupons ----

    @Override
    public Offer createOffer(Actor actor, OfferDraft draft) {
        requireActor(actor, "actor").require(Role.CREATOR, "create an offer");
        new Validator().notNull("draft", draft).throwIfInvalid();
        Instant now = ctx.now();
        // a fixed deadline that has already passed would decide every purchase at once
        new Validator().check(draft.outcome() == null || draft.outcome().by() == null
                        || draft.outcome().by().isAfter(now), "outcome.by", "must lie in the future (was "
                        + (draft.outcome() == null ? null : draft.outcome().by()) + ", now is " + now + ")")
                .throwIfInvalid();
        Offer offer = new Offer(OfferId.of(ctx.newId()), actor.id(), draft.kind(), draft.title(), draft.price(),
                draft.courses(), draft.membership(), true, now, draft.outcome());
        return ctx.transact(uow -> {
            SaleRights.requireSellable(uow, actor, draft);
            return uow.insert(CommerceTypes.OFFER, offer).value();
        });
    }

    @Override
    public Offer offer(OfferId id) {
        new Validator().notNull("offerId", id).throwIfInvalid();
        return ctx.read(uow -> uow.get(CommerceTypes.OFFER, id.value()).value());
    }

    @Override
    public Page<Offer> offersOnSale(CourseId course, String cursor, int limit) {
        new Validator().notNull("course", course).throwIfInvalid();
        Pages.checkLimit(limit);
        return ctx.read(uow -> Pages.page(uow, CommerceTypes.OFFER, CommerceTypes.ON_SALE_BY_COURSE, course.value(),
                io.learnloop.core.store.IndexRange.first(limit), cursor, o -> o));
    }

    @Override
    public Offer setOfferActive(Actor actor, OfferId id, boolean active) {
        requireActor(actor, "actor").require(Role.CREATOR, "change an offer");
        new Validator().notNull("offerId", id).throwIfInvalid();
        return ctx.transact(uow -> {
            Versioned<Offer> v = uow.get(CommerceTypes.OFFER, id.value());
            requireOwner(actor, v.value().owner(), "offer " + id);
            return uow.update(CommerceTypes.OFFER, v.value().withActive(active), v.version()).value();
        });
    }

    @Override
    public Coupon createCoupon(Actor actor, CouponDraft draft) {
        requireActor(actor, "actor").require(Role.CREATOR, "create a coupon");
        new Validator().notNull("draft", draft).throwIfInvalid();
        Coupon coupon = new Coupon(CouponCode.of(draft.code()), actor.id(), draft.kind(), draft.percentOffBps(),
                draft.amountOff(), draft.validFrom(), draft.validUntil(), draft.maxRedemptions(), draft.maxPerLearner(),
                draft.applicableOffers(), draft.floorPrice(), draft.stacking(), 0, true, ctx.now());
        return ctx.transact(uow -> {
            if (!actor.has(Role.ADMIN)) {
                // A creator's coupon discounts only that creator's own offers; platform-wide coupons are for admins.
                new Validator().check(!coupon.applicableOffers().isEmpty(), "applicableOffers",
                        "a creator's coupon must list the creator's own offers; only an admin may make a coupon for"
                                + " every offer").throwIfInvalid();
                for (int i = 0; i < coupon.applicableOffers().size(); i++) {
                    OfferId offerId = coupon.applicableOffers().get(i);
                    Offer offer = uow.find(CommerceTypes.OFFER, offerId.value()).map(Versioned::value).orElseThrow(() ->
                            ValidationException.of("applicableOffers", "no offer with id '" + offerId + "' exists"));
                    requireOwner(actor, offer.owner(), "offer " + offerId);
                }
            }
            return uow.insert(CommerceTypes.COUPON, coupon).value();
        });
    }

    @Override
    public Coupon coupon(String code) {
        CouponCode c = code(code, "code");
        return ctx.read(uow -> uow.get(CommerceTypes.COUPON, c.value()).value());
    }

    @Override
    public Coupon setCouponActive(Actor actor, String code, boolean active) {
        requireActor(actor, "actor").require(Role.CREATOR, "change a coupon");
        CouponCode c = code(code, "code");
        return ctx.transact(uow -> {
            Versioned<Coupon> v = uow.get(CommerceTypes.COUPON, c.value());
            requireOwner(actor, v.value().owner(), "coupon " + c);
            return uow.update(CommerceTypes.COUPON, v.value().withActive(active), v.version()).value();
        });
    }

    // ---- placing ----

    @Override
    public Quote quote(Actor learner, PlaceOrder request) {
        Request r = validate(learner, request);
        return ctx.read(uow -> priced(uow, r).quote);
    }

    @Override
    public Order placeOrder(Actor learner, PlaceOrder request) {
        Request r = validate(learner, request);
        String key = CommerceTypes.clientKey(r.learner.value(), r.clientKey);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Order existing = ctx.read(uow -> uow.findUnique(CommerceTypes.ORDER, "clientKey", key)
                    .map(Versioned::value).orElse(null));
            if (existing != null) {
                return sameRequest(existing, r);
            }
            try {
                return ctx.transact(uow -> place(uow, r));
            } catch (CouponRejectedException e) {
                // A racing request with our client key may have just taken our coupon slot: if it did, its order is ours.
                Order winner = ctx.read(uow -> uow.findUnique(CommerceTypes.ORDER, "clientKey", key)
                        .map(Versioned::value).orElse(null));
                if (winner != null) {
                    return sameRequest(winner, r);
                }
                throw e;
            } catch (ConflictException e) {
                if (e.code() == ErrorCode.INVALID_STATE) {
                    throw e;
                }
                // Another order committed first: the same client key, or the same coupon counter or slot.
                // Re-read and decide again; the loop top returns the winner if it holds our key.
                ConflictRetry.pause(attempt);
            }
        }
        throw new ConflictException(ErrorCode.VERSION_CONFLICT, "The order could not be placed after " + MAX_ATTEMPTS
                + " attempts because its coupons are in heavy use; place it again with the same client key.");
    }

    private Order place(UnitOfWork uow, Request r) {
        Priced p = priced(uow, r);
        Instant now = ctx.now();
        Order order = new Order(OrderId.of(ctx.newId()), r.learner, r.clientKey, p.quote.lines(), p.quote.discounts(),
                p.quote.subtotal(), p.quote.discount(), p.quote.total(), Money.zero(p.quote.total().currency()),
                OrderStatus.CREATED, now, now, now.plus(settings.orderTtl()), null, null, List.of());
        uow.insert(CommerceTypes.ORDER, order);
        for (int k = 0; k < p.coupons.size(); k++) {
            Versioned<Coupon> c = p.coupons.get(k);
            uow.update(CommerceTypes.COUPON, c.value().withRedemptions(c.value().redemptions() + 1), c.version());
            uow.insert(CommerceTypes.REDEMPTION, new CouponRedemption(ctx.newId(), c.value().code(), r.learner,
                    order.id(), p.slots.get(k), false, now));
            uow.publish(ctx.event(EventTypes.COUPON_REDEEMED, c.value().code().value(), Map.of(
                    "coupon", c.value().code().value(), "orderId", order.id().value(), "learner", r.learner.value(),
                    "amount", Long.toString(p.quote.discounts().get(k).amount().minor()),
                    "currency", order.total().currency().getCurrencyCode())));
        }
        uow.publish(ctx.event(EventTypes.ORDER_PLACED, order.id().value(), orderData(order)));
        return order;
    }

    /**
     * Places the order of one renewal of a subscription inside the caller's unit of work, or returns the order
     * placed before under the same client key. A renewal is owed under terms the learner already accepted, so the
     * plan is priced at its list price without coupons, and a plan taken off sale still renews.
     *
     * @param uow       the unit of work
     * @param learner   the subscriber
     * @param clientKey the renewal's key, one per payment
     * @param plan      the plan's offer
     * @return the order
     */
    public Order placeRenewalWithin(UnitOfWork uow, UserId learner, String clientKey, Offer plan) {
        String key = CommerceTypes.clientKey(learner.value(), clientKey);
        Optional<Versioned<Order>> existing = uow.findUnique(CommerceTypes.ORDER, "clientKey", key);
        if (existing.isPresent()) {
            return existing.get().value();
        }
        Quote quote = Pricing.price(List.of(plan), List.of());
        Instant now = ctx.now();
        Order order = new Order(OrderId.of(ctx.newId()), learner, clientKey, quote.lines(), quote.discounts(),
                quote.subtotal(), quote.discount(), quote.total(), Money.zero(quote.total().currency()),
                OrderStatus.CREATED, now, now, now.plus(settings.orderTtl()), null, null, List.of());
        uow.insert(CommerceTypes.ORDER, order);
        uow.publish(ctx.event(EventTypes.ORDER_PLACED, order.id().value(), orderData(order)));
        return order;
    }

    private Priced priced(UnitOfWork uow, Request r) {
        Instant now = ctx.now();
        List<Offer> offers = new ArrayList<>(r.offers.size());
        Validator v = new Validator();
        for (int i = 0; i < r.offers.size(); i++) {
            Offer offer = uow.find(CommerceTypes.OFFER, r.offers.get(i).value()).map(Versioned::value).orElse(null);
            v.check(offer != null, "offers[" + i + "]", "no offer with id '" + r.offers.get(i) + "' exists");
            v.check(offer == null || offer.active(), "offers[" + i + "]", "offer '" + r.offers.get(i)
                    + "' is not on sale");
            v.check(offer == null || offer.outcome() == null || offer.outcome().by() == null
                    || offer.outcome().by().isAfter(now), "offers[" + i + "]", "offer '" + r.offers.get(i)
                    + "' is no longer on sale: its outcome deadline " + (offer == null || offer.outcome() == null ? null
                    : offer.outcome().by()) + " has passed");
            CourseId gone = offer == null ? null : SaleRights.firstUnavailable(uow, offer.membership() != null
                    ? offer.membership().courses() : offer.courses());
            v.check(gone == null, "offers[" + i + "]", "offer '" + r.offers.get(i) + "' sells course '" + gone
                    + "', which is no longer published");
            offers.add(offer);
        }
        v.throwIfInvalid();
        List<Versioned<Coupon>> coupons = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int k = 0; k < r.coupons.size(); k++) {
            CouponCode code = r.coupons.get(k);
            String field = "coupons[" + k + "]";
            Versioned<Coupon> c = uow.find(CommerceTypes.COUPON, code.value()).orElseThrow(() ->
                    new CouponRejectedException(field, code.value(), CouponRejection.UNKNOWN, "does not exist"));
            Set<Integer> held = new HashSet<>();
            for (Versioned<CouponRedemption> red : uow.findBy(CommerceTypes.REDEMPTION, "learnerCoupon",
                    code.value() + "|" + r.learner.value())) {
                if (!red.value().released()) {
                    held.add(red.value().slot());
                }
            }
            slots.add(CouponRules.check(c.value(), field, now, held));
            coupons.add(c);
        }
        Quote quote = Pricing.price(offers, coupons.stream().map(Versioned::value).toList());
        return new Priced(quote, coupons, slots);
    }

    private static Order sameRequest(Order existing, Request r) {
        List<OfferId> offers = existing.lines().stream().map(OrderLine::offerId).toList();
        List<CouponCode> coupons = existing.discounts().stream().map(d -> d.coupon()).toList();
        if (!offers.equals(r.offers) || !coupons.equals(r.coupons)) {
            throw new ConflictException(ErrorCode.DUPLICATE_KEY, "The client key '" + r.clientKey
                    + "' was already used for order " + existing.id() + " with other offers or coupons; use a new key"
                    + " for a new order.");
        }
        return existing;
    }

    private Request validate(Actor learner, PlaceOrder request) {
        Actor actor = requireActor(learner, "learner");
        actor.require(Role.LEARNER, "place an order");
        Validator v = new Validator().notNull("request", request);
        v.throwIfInvalid();
        v.notBlank("clientKey", request.clientKey(), PlaceOrder.MAX_KEY)
                .check(request.clientKey() == null || request.clientKey().chars().noneMatch(Character::isISOControl),
                        "clientKey", "must not contain control characters")
                .notNull("offers", request.offers());
        List<OfferId> offers = request.offers() == null ? List.of() : request.offers();
        v.check(request.offers() == null || (!offers.isEmpty() && offers.size() <= PlaceOrder.MAX_LINES), "offers",
                "must list 1 to " + PlaceOrder.MAX_LINES + " offers (was " + offers.size() + ")");
        Set<OfferId> seen = new HashSet<>();
        for (int i = 0; i < offers.size(); i++) {
            OfferId o = offers.get(i);
            v.check(o != null, "offers[" + i + "]", "is required");
            v.check(o == null || seen.add(o), "offers[" + i + "]", "repeats offer '" + o + "'; buy each offer once");
        }
        v.check(request.coupons().size() <= PlaceOrder.MAX_COUPONS, "coupons",
                "must list at most " + PlaceOrder.MAX_COUPONS + " coupons");
        List<CouponCode> codes = new ArrayList<>();
        for (int k = 0; k < request.coupons().size(); k++) {
            String field = "coupons[" + k + "]";
            try {
                CouponCode c = code(request.coupons().get(k), field);
                v.check(!codes.contains(c), field, "repeats coupon '" + c + "'");
                codes.add(c);
            } catch (ValidationException e) {
                v.check(false, field, e.violations().get(0).problem());
            }
        }
        v.throwIfInvalid();
        return new Request(actor.id(), request.clientKey(), List.copyOf(offers), List.copyOf(codes));
    }

    // ---- reading ----

    @Override
    public Order order(Actor viewer, OrderId id) {
        new Validator().notNull("viewer", viewer).notNull("orderId", id).throwIfInvalid();
        Order order = order(id);
        requireViewer(viewer, order.learner(), "order " + id);
        return order;
    }

    /**
     * Reads an order for trusted code (a payment channel).
     *
     * @param id the order
     * @return the order
     */
    public Order order(OrderId id) {
        new Validator().notNull("orderId", id).throwIfInvalid();
        return ctx.read(uow -> uow.get(CommerceTypes.ORDER, id.value()).value());
    }

    @Override
    public Order orderByClientKey(Actor learner, String clientKey) {
        new Validator().notNull("learner", learner).notBlank("clientKey", clientKey, PlaceOrder.MAX_KEY)
                .throwIfInvalid();
        String key = CommerceTypes.clientKey(learner.id().value(), clientKey);
        return ctx.read(uow -> uow.findUnique(CommerceTypes.ORDER, "clientKey", key).map(Versioned::value)
                .orElse(null));
    }

    @Override
    public Page<Order> ordersOf(Actor viewer, UserId learner, String cursor, int limit) {
        new Validator().notNull("viewer", viewer).notNull("learner", learner).throwIfInvalid();
        requireViewer(viewer, learner, "the orders of '" + learner + "'");
        return ctx.read(uow -> Pages.page(uow, CommerceTypes.ORDER, CommerceTypes.BY_LEARNER, learner.value(),
                IndexRange.last(limit), cursor, o -> o));
    }

    @Override
    public Page<Order> ordersIn(Actor viewer, OrderStatus status, String cursor, int limit) {
        new Validator().notNull("viewer", viewer).notNull("status", status).throwIfInvalid();
        viewer.require(Role.FINANCE, "read every order");
        return ctx.read(uow -> Pages.page(uow, CommerceTypes.ORDER, CommerceTypes.BY_STATUS, status.name(),
                IndexRange.last(limit), cursor, o -> o));
    }

    /** A learner sees their own orders; finance sees every order. */
    private static void requireViewer(Actor viewer, UserId learner, String what) {
        if (!viewer.id().equals(learner) && !viewer.has(Role.FINANCE)) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read " + what
                    + ": only its learner or someone with the role FINANCE may.");
        }
    }

    // ---- transitions ----

    /**
     * Moves a CREATED order to AWAITING_PAYMENT; one already awaiting payment is returned as it is.
     *
     * @param id the order
     * @return the order
     */
    public Order awaitPayment(OrderId id) {
        new Validator().notNull("orderId", id).throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            Versioned<Order> v = uow.get(CommerceTypes.ORDER, id.value());
            if (v.value().status() == OrderStatus.AWAITING_PAYMENT) {
                return v.value();
            }
            return move(uow, v, OrderStatus.AWAITING_PAYMENT, EventTypes.ORDER_AWAITING_PAYMENT, Map.of(),
                    v.value().withStatus(OrderStatus.AWAITING_PAYMENT, ctx.now()));
        });
    }

    /**
     * Moves a CREATED order to AWAITING_PAYMENT.
     *
     * @param id the order
     * @return the changed order
     * @throws ConflictException with INVALID_STATE if it is not CREATED
     */
    public Order startPayment(OrderId id) {
        return transition(id, OrderStatus.AWAITING_PAYMENT, EventTypes.ORDER_AWAITING_PAYMENT, Map.of(),
                (uow, o) -> o.withStatus(OrderStatus.AWAITING_PAYMENT, ctx.now()));
    }

    /**
     * Moves an order from AWAITING_PAYMENT to PAID in its own transaction. The receipt's amount must be the total.
     *
     * @param id      the order
     * @param receipt the payment
     * @return the paid order
     */
    public Order markPaid(OrderId id, PaymentReceipt receipt) {
        new Validator().notNull("orderId", id).notNull("receipt", receipt).throwIfInvalid();
        return ctx.transact(uow -> {
            Versioned<Order> v = uow.get(CommerceTypes.ORDER, id.value());
            Order o = v.value();
            if (!o.status().canMoveTo(OrderStatus.PAID)) {
                throw invalid(o, OrderStatus.PAID.name());
            }
            if (!o.total().currency().equals(receipt.amount().currency())) {
                throw new CurrencyMismatchException("receipt.amount", o.total().currency(), receipt.amount().currency());
            }
            if (!o.total().equals(receipt.amount())) {
                throw ValidationException.of("receipt.amount", "is " + receipt.amount() + " but order " + o.id()
                        + " costs " + o.total() + "; the payment does not settle it");
            }
            return payWithin(uow, v, receipt);
        });
    }

    /**
     * Records a refund on an order in its own transaction, run again on a lost race. Idempotent per refund key.
     *
     * @param id      the order
     * @param request the refund
     * @return the order after the refund
     */
    public Order refund(OrderId id, RefundRequest request) {
        return ctx.transactRetrying(uow -> refundWithin(uow, id, request));
    }

    /**
     * Marks an unpaid order paid inside the caller's unit of work (a CREATED order passes through AWAITING_PAYMENT).
     * The caller has checked that the receipt's amount is the order's total.
     *
     * @param uow     the unit of work
     * @param v       the order as read in it, CREATED or AWAITING_PAYMENT
     * @param receipt the payment
     * @return the paid order
     */
    public Order payWithin(UnitOfWork uow, Versioned<Order> v, PaymentReceipt receipt) {
        Order o = v.value();
        if (!o.status().canMoveTo(OrderStatus.PAID) && o.status() != OrderStatus.CREATED) {
            throw invalid(o, OrderStatus.PAID.name());
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("provider", receipt.provider());
        data.put("reference", receipt.reference());
        return move(uow, v, OrderStatus.PAID, EventTypes.ORDER_PAID, data, o.withPayment(receipt, ctx.now()));
    }

    /**
     * Expires an unpaid order whose deadline has passed.
     *
     * @param id the order
     * @return the expired order
     */
    public Order expire(OrderId id) {
        new Validator().notNull("orderId", id).throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            Versioned<Order> v = uow.get(CommerceTypes.ORDER, id.value());
            Order o = v.value();
            if (!o.status().canMoveTo(OrderStatus.EXPIRED)) {
                throw invalid(o, OrderStatus.EXPIRED.name());
            }
            Instant now = ctx.now();
            if (now.isBefore(o.expiresAt())) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + o.id() + " may wait for its payment"
                        + " until " + o.expiresAt() + "; it cannot expire before then.");
            }
            releaseCoupons(uow, o);
            return move(uow, v, OrderStatus.EXPIRED, EventTypes.ORDER_EXPIRED, Map.of(),
                    o.withStatus(OrderStatus.EXPIRED, now));
        });
    }

    @Override
    public Order cancel(Actor actor, OrderId id) {
        Actor who = requireActor(actor, "actor");
        return transition(id, OrderStatus.CANCELLED, EventTypes.ORDER_CANCELLED, Map.of("by", who.id().value()),
                (uow, o) -> {
                    if (!o.learner().equals(who.id()) && !who.has(Role.ADMIN)) {
                        throw new ForbiddenException("User '" + who.id() + "' may not cancel order " + o.id()
                                + ": only its learner or an admin may.");
                    }
                    releaseCoupons(uow, o);
                    return o.withStatus(OrderStatus.CANCELLED, ctx.now());
                });
    }

    /**
     * Records a refund on an order inside the caller's unit of work. Idempotent per refund key: the key used again
     * for the same amounts returns the order as it is.
     *
     * @param uow     the unit of work
     * @param id      the order
     * @param request the refund
     * @return the order after the refund
     */
    public Order refundWithin(UnitOfWork uow, OrderId id, RefundRequest request) {
        validateRefund(request);
        new Validator().notNull("orderId", id).throwIfInvalid();
        {
            Versioned<Order> v = uow.get(CommerceTypes.ORDER, id.value());
            Order o = v.value();
            OrderRefund previous = o.refund(request.refundKey());
            if (previous != null) {
                if (!previous.lines().equals(request.lines())) {
                    throw new ConflictException(ErrorCode.DUPLICATE_KEY, "Refund key '" + request.refundKey()
                            + "' was already used on order " + o.id() + " for other amounts; use a new key.");
                }
                return o;
            }
            if (o.status() != OrderStatus.PAID && o.status() != OrderStatus.PARTIALLY_REFUNDED) {
                throw invalid(o, "refund");
            }
            List<OrderLine> lines = new ArrayList<>(o.lines());
            Validator check = new Validator();
            Money total = Money.zero(o.total().currency());
            for (int i = 0; i < request.lines().size(); i++) {
                LineAmount la = request.lines().get(i);
                OrderLine line = o.line(la.line());
                if (line == null) {
                    check.check(false, "lines[" + i + "].line", "order " + o.id() + " has no line " + la.line()
                            + " (it has " + o.lines().size() + ")");
                    continue;
                }
                if (!la.amount().currency().equals(line.net().currency())) {
                    throw new CurrencyMismatchException("lines[" + i + "].amount", line.net().currency(),
                            la.amount().currency());
                }
                if (la.amount().compareTo(line.refundable()) > 0) {
                    check.check(false, "lines[" + i + "].amount", "is " + la.amount() + " but only "
                            + line.refundable() + " of line " + la.line() + " is left to refund");
                    continue;
                }
                lines.set(la.line() - 1, line.withRefund(la.amount()));
                total = total.plus(la.amount());
            }
            check.throwIfInvalid();
            boolean all = lines.stream().allMatch(OrderLine::fullyRefunded);
            OrderStatus next = all ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
            Instant now = ctx.now();
            OrderRefund refund = new OrderRefund(request.refundKey(), request.lines(), total, request.reason(), now);
            Order changed = o.withRefund(lines, refund, next, now);
            uow.update(CommerceTypes.ORDER, changed, v.version());
            Map<String, String> data = new LinkedHashMap<>(orderData(changed));
            data.put("previousStatus", o.status().name());
            data.put("refundKey", request.refundKey());
            data.put("refundAmount", Long.toString(total.minor()));
            StringBuilder perLine = new StringBuilder();
            for (LineAmount la : request.lines()) {
                perLine.append(perLine.length() == 0 ? "" : ",").append(la.line()).append(':').append(la.amount().minor());
            }
            data.put("refundLines", perLine.toString());
            uow.publish(ctx.event(all ? EventTypes.ORDER_REFUNDED : EventTypes.ORDER_PARTIALLY_REFUNDED,
                    changed.id().value(), data));
            return changed;
        }
    }

    /**
     * Places the order for the rest of a deposit line whose learner passed, inside the caller's unit of work: one
     * line selling the same course at the rest fixed when the deposit was bought, under the client key
     * {@code outcome-rest:<order>:<line>}, so placing it again returns the first. It waits for payment for
     * {@link #REST_PAYABLE}.
     *
     * @param uow   the unit of work
     * @param order the deposit's order
     * @param line  the deposit's line
     * @return the rest's order
     */
    public Order placeRestWithin(UnitOfWork uow, Order order, OrderLine line) {
        String clientKey = "outcome-rest:" + order.id().value() + ":" + line.line();
        Optional<Versioned<Order>> existing = uow.findUnique(CommerceTypes.ORDER, "clientKey",
                CommerceTypes.clientKey(order.learner().value(), clientKey));
        if (existing.isPresent()) {
            return existing.get().value();
        }
        Money rest = line.outcome().condition().rest();
        Instant now = ctx.now();
        OrderLine restLine = new OrderLine(1, line.offerId(), line.kind(), line.title(), line.courses(), null, rest,
                Money.zero(rest.currency()), rest, Money.zero(rest.currency()), null);
        Order placed = new Order(OrderId.of(ctx.newId()), order.learner(), clientKey, List.of(restLine), List.of(),
                rest, Money.zero(rest.currency()), rest, Money.zero(rest.currency()), OrderStatus.CREATED, now, now,
                now.plus(REST_PAYABLE), null, null, List.of());
        uow.insert(CommerceTypes.ORDER, placed);
        Map<String, String> data = new LinkedHashMap<>(orderData(placed));
        data.put("restOf", order.id().value());
        uow.publish(ctx.event(EventTypes.ORDER_PLACED, placed.id().value(), data));
        return placed;
    }

    /**
     * Records one line's outcome on an order inside the caller's unit of work, reading the order afresh (a refund
     * may have changed it in the same unit of work).
     *
     * @param uow     the unit of work
     * @param id      the order
     * @param line    the line number
     * @param outcome the outcome
     * @return the changed order
     */
    public Order recordOutcomeWithin(UnitOfWork uow, OrderId id, int line, LineOutcome outcome) {
        Versioned<Order> v = uow.get(CommerceTypes.ORDER, id.value());
        return uow.update(CommerceTypes.ORDER, v.value().withLineOutcome(line, outcome, ctx.now()), v.version())
                .value();
    }

    private static void validateRefund(RefundRequest request) {
        Validator v = new Validator().notNull("request", request);
        v.throwIfInvalid();
        v.notBlank("refundKey", request.refundKey(), 128).maxLength("reason", request.reason(), 500)
                .notNull("lines", request.lines());
        List<LineAmount> lines = request.lines() == null ? List.of() : request.lines();
        v.check(request.lines() == null || (!lines.isEmpty() && lines.size() <= PlaceOrder.MAX_LINES), "lines",
                "must list 1 to " + PlaceOrder.MAX_LINES + " lines");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            LineAmount la = lines.get(i);
            String f = "lines[" + i + "]";
            if (la == null) {
                v.check(false, f, "is required");
                continue;
            }
            v.check(seen.add(la.line()), f + ".line", "repeats line " + la.line());
            v.notNull(f + ".amount", la.amount());
            v.check(la.amount() == null || la.amount().isPositive(), f + ".amount", "must be positive");
        }
        v.throwIfInvalid();
    }

    private Order transition(OrderId id, OrderStatus target, String eventType, Map<String, String> extra,
                             BiFunction<UnitOfWork, Order, Order> change) {
        new Validator().notNull("orderId", id).throwIfInvalid();
        return ctx.transact(uow -> {
            Versioned<Order> v = uow.get(CommerceTypes.ORDER, id.value());
            if (!v.value().status().canMoveTo(target)) {
                throw invalid(v.value(), target.name());
            }
            return move(uow, v, target, eventType, extra, change.apply(uow, v.value()));
        });
    }

    /** Writes the order's next state under compare-and-set and publishes its event. */
    private Order move(UnitOfWork uow, Versioned<Order> v, OrderStatus target, String eventType,
                       Map<String, String> extra, Order next) {
        uow.update(CommerceTypes.ORDER, next, v.version());
        Map<String, String> data = new LinkedHashMap<>(orderData(next));
        data.put("previousStatus", v.value().status().name());
        data.putAll(extra);
        uow.publish(ctx.event(eventType, next.id().value(), data));
        return next;
    }

    private void releaseCoupons(UnitOfWork uow, Order o) {
        for (Versioned<CouponRedemption> r : uow.findBy(CommerceTypes.REDEMPTION, "order", o.id().value())) {
            if (r.value().released()) {
                continue;
            }
            uow.update(CommerceTypes.REDEMPTION, r.value().release(), r.version());
            Versioned<Coupon> c = uow.get(CommerceTypes.COUPON, r.value().coupon().value());
            uow.update(CommerceTypes.COUPON, c.value().withRedemptions(c.value().redemptions() - 1), c.version());
        }
    }

    private static ConflictException invalid(Order o, String wanted) {
        return new ConflictException(ErrorCode.INVALID_STATE, "Order " + o.id() + " is " + o.status()
                + " and cannot move to " + wanted + "; allowed next: " + o.status().next() + ".");
    }

    private static Map<String, String> orderData(Order o) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("orderId", o.id().value());
        data.put("learner", o.learner().value());
        data.put("status", o.status().name());
        data.put("total", Long.toString(o.total().minor()));
        data.put("currency", o.total().currency().getCurrencyCode());
        return data;
    }

    private static void requireOwner(Actor actor, UserId owner, String what) {
        if (!actor.id().equals(owner) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not change " + what
                    + ": only its owner '" + owner + "' or an admin may.");
        }
    }

    private static Actor requireActor(Actor actor, String field) {
        if (actor == null) {
            throw ValidationException.of(field, "is required");
        }
        return actor;
    }

    private static CouponCode code(String code, String field) {
        if (code == null || code.isBlank()) {
            throw ValidationException.of(field, "must not be blank");
        }
        try {
            return CouponCode.of(code.trim());
        } catch (ValidationException e) {
            throw ValidationException.of(field, e.violations().get(0).problem());
        }
    }

    /** A validated placing request. */
    private record Request(UserId learner, String clientKey, List<OfferId> offers, List<CouponCode> coupons) {
    }

    /** A priced request with the coupons as read and the learner slots they will hold. */
    private record Priced(Quote quote, List<Versioned<Coupon>> coupons, List<Integer> slots) {
    }
}
