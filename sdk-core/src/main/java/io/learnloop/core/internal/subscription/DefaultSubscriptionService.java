package io.learnloop.core.internal.subscription;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.access.AccessTypes;
import io.learnloop.core.internal.access.DefaultAccessService;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.commerce.DefaultCommerceService;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.settlement.SettlementResult;
import io.learnloop.core.settlement.SettlementStatus;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.core.subscription.OpenSubscription;
import io.learnloop.core.subscription.RenewalResult;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionFailure;
import io.learnloop.core.subscription.SubscriptionId;
import io.learnloop.core.subscription.SubscriptionPayment;
import io.learnloop.core.subscription.SubscriptionService;
import io.learnloop.core.subscription.SubscriptionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Subscriptions over the store, the settlement and the access ledger: every change is a compare-and-set of the
 * subscription in the caller's unit of work, with its event.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultSubscriptionService implements SubscriptionService {
    /** The id the SDK acts under when it revokes the unpaid trial or grace period of a cancelled subscription. */
    static final UserId ACTOR = UserId.of("system:subscriptions");

    private final ServiceContext ctx;
    private final DefaultCommerceService commerce;
    private final Settlement settlement;
    private final DefaultAccessService access;

    /**
     * Creates the service.
     *
     * @param ctx        the facade's context
     * @param commerce   the orders
     * @param settlement the settlement every paid period goes through
     * @param access     the access ledger
     */
    public DefaultSubscriptionService(ServiceContext ctx, DefaultCommerceService commerce, Settlement settlement,
                                      DefaultAccessService access) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.commerce = Objects.requireNonNull(commerce, "commerce");
        this.settlement = Objects.requireNonNull(settlement, "settlement");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public Subscription open(UnitOfWork uow, OpenSubscription request) {
        new Validator().notNull("uow", uow).notNull("request", request).throwIfInvalid();
        Versioned<Subscription> existing = uow.findUnique(SubscriptionTypes.SUBSCRIPTION, SubscriptionTypes.EXTERNAL,
                SubscriptionTypes.externalKey(request.provider(), request.externalId())).orElse(null);
        if (existing != null) {
            Subscription s = existing.value();
            if (!s.learner().equals(request.learner()) || !s.plan().equals(request.plan())) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, request.provider() + " subscription '"
                        + request.externalId() + "' is already subscription " + s.id() + " of learner '"
                        + s.learner() + "' to plan '" + s.plan() + "'; one provider subscription is one subscription.");
            }
            return s;
        }
        Offer plan = uow.find(CommerceTypes.OFFER, request.plan().value()).map(Versioned::value).orElse(null);
        new Validator().check(plan != null, "plan", "no offer with id '" + request.plan() + "' exists")
                .check(plan == null || plan.kind() == OfferKind.MEMBERSHIP, "plan", "offer '" + request.plan()
                        + "' is not a membership plan")
                .check(plan == null || plan.active(), "plan", "offer '" + request.plan() + "' is not on sale")
                .throwIfInvalid();
        Instant now = ctx.now();
        SubscriptionId id = SubscriptionId.of(ctx.newId());
        int trialDays = plan.membership().trialDays();
        Subscription s;
        if (trialDays > 0) {
            Instant trialEnd = now.plus(Duration.ofDays(trialDays));
            Grant trial = grantUnpaid(uow, request.learner(), plan, now, trialEnd);
            s = new Subscription(id, request.learner(), plan.id(), request.provider(), request.externalId(),
                    SubscriptionStatus.TRIALING, plan.price(), now, trialEnd, trialEnd, null, false, 0,
                    request.dunning(), 0, null, trial.id().value(), now, now, null);
        } else {
            s = new Subscription(id, request.learner(), plan.id(), request.provider(), request.externalId(),
                    SubscriptionStatus.INCOMPLETE, plan.price(), null, null, now, null, false, 0,
                    request.dunning(), 0, null, null, now, now, null);
        }
        uow.insert(SubscriptionTypes.SUBSCRIPTION, s);
        publish(uow, s, null);
        return s;
    }

    @Override
    public Subscription subscription(SubscriptionId id) {
        new Validator().notNull("id", id).throwIfInvalid();
        return ctx.read(uow -> uow.find(SubscriptionTypes.SUBSCRIPTION, id.value()).map(Versioned::value)
                .orElseThrow(() -> new NotFoundException("subscription", id.value())));
    }

    @Override
    public Page<Subscription> subscriptionsOf(Actor viewer, UserId learner, String cursor, int limit) {
        new Validator().notNull("viewer", viewer).notNull("learner", learner).throwIfInvalid();
        if (!viewer.id().equals(learner) && !viewer.has(Role.FINANCE)) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read the subscriptions of '" + learner
                    + "': only its learner or someone with the role FINANCE may.");
        }
        return ctx.read(uow -> Pages.page(uow, SubscriptionTypes.SUBSCRIPTION, SubscriptionTypes.BY_LEARNER,
                learner.value(), IndexRange.last(limit), cursor, sub -> sub));
    }

    @Override
    public Subscription byExternalId(String provider, String externalId) {
        return ctx.read(uow -> find(uow, provider, externalId).value());
    }

    @Override
    public RenewalResult recordPayment(UnitOfWork uow, SubscriptionPayment payment) {
        new Validator().notNull("uow", uow).notNull("payment", payment).throwIfInvalid();
        Versioned<Subscription> v = find(uow, payment.provider(), payment.externalId());
        Subscription s = v.value();
        if (!payment.amount().equals(s.price())) {
            throw ValidationException.of("amount", "must be the subscription's price " + s.price() + " (was "
                    + payment.amount() + "); a payment of another amount is not a renewal of subscription " + s.id());
        }
        String clientKey = "subscription:" + s.id() + ":" + payment.reference();
        Offer plan = uow.get(CommerceTypes.OFFER, s.plan().value()).value();
        boolean placedBefore = uow.findUnique(CommerceTypes.ORDER, "clientKey",
                CommerceTypes.clientKey(s.learner().value(), clientKey)).isPresent();
        if (!placedBefore && !s.status().live()) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Subscription " + s.id() + " is " + s.status()
                    + " since " + s.endedAt() + ": payment '" + payment.reference() + "' renews nothing. Refund it at "
                    + payment.provider() + ".");
        }
        Order order = commerce.placeRenewalWithin(uow, s.learner(), clientKey, plan);
        PaymentConfirmation confirmation = new PaymentConfirmation(order.id(), payment.provider(),
                payment.reference(), payment.amount()).withChannelFee(payment.channelFeeBps());
        boolean renewal = s.paidPeriods() > 0 || s.status() == SubscriptionStatus.TRIALING;
        if (renewal && s.status().live()) {
            // right after the current period, however late the money came: no gap, and the grace given is not paid
            // for twice
            Instant start = s.periodEnd();
            confirmation = confirmation.withPeriod(start, plan.membership().period().endOf(start));
        }
        SettlementResult settled = settlement.settle(uow, confirmation);
        if (settled.status() == SettlementStatus.ALREADY_SETTLED) {
            return new RenewalResult(s, settled, true);
        }
        if (settled.status() != SettlementStatus.SETTLED) {
            // held for review: the money is in the books' issue list, the subscription stays where it was
            return new RenewalResult(s, settled, false);
        }
        Grant period = settled.grants().stream().filter(g -> g.endsAt() != null).findFirst().orElse(null);
        Instant start = period != null ? period.startsAt() : s.periodEnd();
        Instant end = period != null ? period.endsAt() : s.periodEnd();
        Subscription paid = new Subscription(s.id(), s.learner(), s.plan(), s.provider(), s.externalId(),
                SubscriptionStatus.ACTIVE, s.price(), start, end, s.cancelAtPeriodEnd() ? null : end, null,
                s.cancelAtPeriodEnd(), 0, s.dunning(), s.paidPeriods() + 1, payment.reference(), null,
                s.createdAt(), ctx.now(), null);
        save(uow, v, paid);
        return new RenewalResult(paid, settled, false);
    }

    @Override
    public Subscription recordFailure(UnitOfWork uow, SubscriptionFailure failure) {
        new Validator().notNull("uow", uow).notNull("failure", failure).throwIfInvalid();
        Versioned<Subscription> v = find(uow, failure.provider(), failure.externalId());
        Subscription s = v.value();
        String attemptId = SubscriptionAttempt.idOf(s.id().value(), failure.attempt());
        if (!s.status().live() || uow.find(SubscriptionTypes.ATTEMPT, attemptId).isPresent()) {
            return s;
        }
        Instant now = ctx.now();
        uow.insert(SubscriptionTypes.ATTEMPT, new SubscriptionAttempt(attemptId, s.id().value(), failure.attempt(),
                now));
        int failures = s.failedAttempts() + 1;
        Subscription next = s;
        if ((s.status() == SubscriptionStatus.ACTIVE || s.status() == SubscriptionStatus.TRIALING)
                && !s.periodEnd().isAfter(now)) {
            next = pastDue(uow, s, now);
        }
        if (next.status() == SubscriptionStatus.EXPIRED) {
            save(uow, v, withFailures(next, failures, null, now));
            return withFailures(next, failures, null, now);
        }
        Instant retry = null;
        if (next.status() == SubscriptionStatus.PAST_DUE || next.status() == SubscriptionStatus.INCOMPLETE) {
            Duration pause = s.dunning().retryAfter(failures);
            retry = failure.nextAttemptAt() != null ? failure.nextAttemptAt() : pause == null ? null : now.plus(pause);
        } else {
            retry = next.nextChargeAt();
        }
        Subscription failed = withFailures(next, failures, retry, now);
        save(uow, v, failed);
        return failed;
    }

    @Override
    public Subscription cancelAtPeriodEnd(UnitOfWork uow, String provider, String externalId, boolean cancel) {
        new Validator().notNull("uow", uow).throwIfInvalid();
        Versioned<Subscription> v = find(uow, provider, externalId);
        Subscription s = v.value();
        if (!s.status().live() || s.cancelAtPeriodEnd() == cancel) {
            return s;
        }
        Instant nextCharge = s.nextChargeAt();
        if (s.status() == SubscriptionStatus.ACTIVE || s.status() == SubscriptionStatus.TRIALING) {
            nextCharge = cancel ? null : s.periodEnd();
        }
        Subscription changed = new Subscription(s.id(), s.learner(), s.plan(), s.provider(), s.externalId(),
                s.status(), s.price(), s.periodStart(), s.periodEnd(), nextCharge, s.graceEndsAt(), cancel,
                s.failedAttempts(), s.dunning(), s.paidPeriods(), s.lastPayment(), s.unpaidGrant(), s.createdAt(),
                ctx.now(), null);
        save(uow, v, changed);
        return changed;
    }

    @Override
    public Subscription cancelNow(UnitOfWork uow, String provider, String externalId, String reason) {
        new Validator().notNull("uow", uow).notBlank("reason", reason, 200).throwIfInvalid();
        Versioned<Subscription> v = find(uow, provider, externalId);
        Subscription s = v.value();
        if (!s.status().live()) {
            return s;
        }
        Instant now = ctx.now();
        revokeUnpaid(uow, s, now, "subscription " + s.id() + " cancelled: " + reason);
        Subscription ended = ended(s, SubscriptionStatus.CANCELED, now, now);
        save(uow, v, ended);
        return ended;
    }

    @Override
    public List<Subscription> dueForCharge(String provider, Instant before, int limit) {
        new Validator().notBlank("provider", provider, 32).notNull("before", before)
                .check(limit >= 1 && limit <= Page.MAX_LIMIT, "limit", "must be 1 to " + Page.MAX_LIMIT
                        + " (was " + limit + ")").throwIfInvalid();
        List<Versioned<Subscription>> rows = ctx.read(uow -> uow.findRange(SubscriptionTypes.SUBSCRIPTION,
                SubscriptionTypes.BY_NEXT_CHARGE, provider, new IndexRange(null,
                        SortKeys.after(SortKeys.instant(before)), limit, false)));
        List<Subscription> due = new ArrayList<>(rows.size());
        for (Versioned<Subscription> row : rows) {
            Subscription s = row.value();
            // the index and the row may be read at different commits
            if (s.status().live() && s.nextChargeAt() != null && !s.nextChargeAt().isAfter(before)) {
                due.add(s);
            }
        }
        return due;
    }

    /**
     * Moves every subscription whose deadline has passed to its next state, up to {@code limit}, earliest first: a
     * period that ended unpaid falls past due (with its grace period granted), a period cancelled at its end or a
     * grace period that ran out expires. Each one is its own transaction.
     *
     * @param limit the most to move in this run
     * @return how many moved
     */
    public int advanceDue(int limit) {
        Instant now = ctx.now();
        List<Versioned<Subscription>> rows = ctx.read(uow -> uow.findRange(SubscriptionTypes.SUBSCRIPTION,
                SubscriptionTypes.BY_DEADLINE, SubscriptionTypes.DUE, new IndexRange(null,
                        SortKeys.after(SortKeys.instant(now)), limit, false)));
        int moved = 0;
        for (Versioned<Subscription> row : rows) {
            String id = row.value().id().value();
            boolean done = ctx.transactRetrying(uow -> advanceWithin(uow, id, now));
            moved += done ? 1 : 0;
        }
        return moved;
    }

    private boolean advanceWithin(UnitOfWork uow, String id, Instant now) {
        Versioned<Subscription> v = uow.find(SubscriptionTypes.SUBSCRIPTION, id).orElse(null);
        if (v == null || v.value().deadline() == null || v.value().deadline().isAfter(now)) {
            return false; // moved by a payment or another instance since the index was read
        }
        Subscription s = v.value();
        Subscription next;
        if (s.status() == SubscriptionStatus.PAST_DUE) {
            next = ended(s, SubscriptionStatus.EXPIRED, s.graceEndsAt(), now);
        } else if (s.cancelAtPeriodEnd()) {
            next = ended(s, SubscriptionStatus.EXPIRED, s.periodEnd(), now);
        } else {
            next = pastDue(uow, s, now);
        }
        save(uow, v, next);
        return true;
    }

    /** An active or trialing subscription whose period ended unpaid: past due with its grace, or expired without. */
    private Subscription pastDue(UnitOfWork uow, Subscription s, Instant now) {
        Instant graceEnd = s.periodEnd().plus(s.dunning().grace());
        if (!graceEnd.isAfter(now)) {
            return ended(s, SubscriptionStatus.EXPIRED, graceEnd, now);
        }
        Offer plan = uow.get(CommerceTypes.OFFER, s.plan().value()).value();
        Grant grace = grantUnpaid(uow, s.learner(), plan, s.periodEnd(), graceEnd);
        return new Subscription(s.id(), s.learner(), s.plan(), s.provider(), s.externalId(),
                SubscriptionStatus.PAST_DUE, s.price(), s.periodStart(), s.periodEnd(), s.periodEnd(), graceEnd,
                s.cancelAtPeriodEnd(), s.failedAttempts(), s.dunning(), s.paidPeriods(), s.lastPayment(),
                grace.id().value(), s.createdAt(), now, null);
    }

    /** A trial or grace period: a membership grant of the plan that names no order, since nothing paid for it. */
    private Grant grantUnpaid(UnitOfWork uow, UserId learner, Offer plan, Instant start,
                              Instant end) {
        MembershipTerms terms = plan.membership();
        return access.grantWithin(uow, GrantRequest.membership(learner, plan.id(), terms.courses(),
                terms.categories(), start, end), null);
    }

    private void revokeUnpaid(UnitOfWork uow, Subscription s, Instant now, String reference) {
        if (s.unpaidGrant() == null) {
            return;
        }
        Grant g = uow.find(AccessTypes.GRANT, s.unpaidGrant()).map(Versioned::value)
                .orElse(null);
        if (g != null && g.revocation() == null && (g.endsAt() == null || g.endsAt().isAfter(now))) {
            access.revokeWithin(uow, GrantId.of(s.unpaidGrant()), reference.length() > 200
                    ? reference.substring(0, 200) : reference, ACTOR);
        }
    }

    private Subscription ended(Subscription s, SubscriptionStatus status, Instant endedAt, Instant now) {
        return new Subscription(s.id(), s.learner(), s.plan(), s.provider(), s.externalId(), status, s.price(),
                s.periodStart(), s.periodEnd(), null, null, s.cancelAtPeriodEnd(), s.failedAttempts(), s.dunning(),
                s.paidPeriods(), s.lastPayment(), s.unpaidGrant(), s.createdAt(), now, endedAt);
    }

    private static Subscription withFailures(Subscription s, int failures, Instant nextCharge, Instant now) {
        return new Subscription(s.id(), s.learner(), s.plan(), s.provider(), s.externalId(), s.status(), s.price(),
                s.periodStart(), s.periodEnd(), nextCharge, s.graceEndsAt(), s.cancelAtPeriodEnd(), failures,
                s.dunning(), s.paidPeriods(), s.lastPayment(), s.unpaidGrant(), s.createdAt(), now, s.endedAt());
    }

    private static Versioned<Subscription> find(UnitOfWork uow, String provider, String externalId) {
        new Validator().notBlank("provider", provider, 32)
                .notBlank("externalId", externalId, Subscription.MAX_EXTERNAL_ID).throwIfInvalid();
        return uow.findUnique(SubscriptionTypes.SUBSCRIPTION, SubscriptionTypes.EXTERNAL,
                SubscriptionTypes.externalKey(provider, externalId)).orElseThrow(() -> new NotFoundException(
                "subscription", provider + ":" + externalId));
    }

    private void save(UnitOfWork uow, Versioned<Subscription> v, Subscription next) {
        uow.update(SubscriptionTypes.SUBSCRIPTION, next, v.version());
        if (next.status() != v.value().status()) {
            publish(uow, next, v.value().status());
        }
    }

    private void publish(UnitOfWork uow, Subscription s, SubscriptionStatus previous) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("subscriptionId", s.id().value());
        data.put("learner", s.learner().value());
        data.put("plan", s.plan().value());
        data.put("provider", s.provider());
        data.put("status", s.status().name());
        data.put("previous", previous == null ? "" : previous.name());
        uow.publish(ctx.event(EventTypes.SUBSCRIPTION_CHANGED, s.id().value(), data));
    }
}
