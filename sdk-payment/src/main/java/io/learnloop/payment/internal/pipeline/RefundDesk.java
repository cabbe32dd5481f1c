package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.BookedRefund;
import io.learnloop.core.settlement.RefundSettlement;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.RefundState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Refunds of provider payments: the refund is settled in the books by the core (order, revenue clawback, revoked
 * access) in one transaction with the refund's record, then the provider is asked to return the money; the record
 * then follows the provider's answers, notifications and reconciliation to CONFIRMED, or to a state that waits for a
 * person.
 *
 * <p>Thread-safe: immutable.
 */
final class RefundDesk {
    private static final Logger LOG = LoggerFactory.getLogger(RefundDesk.class);

    private final ServiceContext ctx;
    private final Settlement settlement;
    private final Providers providers;
    private final Attempts attempts;
    private final RefundPolicy refundPolicy;

    RefundDesk(ServiceContext ctx, Settlement settlement, Providers providers, Attempts attempts,
               RefundPolicy refundPolicy) {
        this.ctx = ctx;
        this.settlement = settlement;
        this.providers = providers;
        this.attempts = attempts;
        this.refundPolicy = refundPolicy;
    }

    /** A refund's record, the core's settlement of it, and whether this call stored the record. */
    private record Recorded(PaymentRefund refund, RefundSettlement books, boolean inserted) {
    }

    RefundOutcome refund(Actor actor, OrderId orderId, String refundKey, List<LineAmount> lines, String reason) {
        new Validator().notNull("actor", actor).notNull("order", orderId).notBlank("refundKey", refundKey, 128)
                .throwIfInvalid();
        Order order = settlement.order(orderId);
        boolean finance = actor.has(Role.FINANCE);
        if (!finance && !order.learner().equals(actor.id())) {
            throw new ForbiddenException("User '" + actor.id() + "' may not refund order " + orderId
                    + ": only its learner (within the refund policy) or someone with the role FINANCE may.");
        }
        String id = orderId.value() + ":" + refundKey;
        Optional<Versioned<PaymentRefund>> existing = ctx.read(uow -> uow.find(PaymentTypes.REFUND, id));
        // a call that stopped after the order recorded this refund (and perhaps after it became REFUNDED, or after
        // the policy's window closed) is finished by repeating it: the order already said yes to this key
        if (existing.isEmpty() && order.refund(refundKey) == null) {
            if (order.status() != OrderStatus.PAID && order.status() != OrderStatus.PARTIALLY_REFUNDED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Order " + orderId.value() + " is " + order.status()
                        + "; only paid orders can be refunded.");
            }
            // the policy binds learners' own requests; finance may refund outside it
            String refusal = finance ? null : refundPolicy.refusal(order, lines == null ? List.of() : lines, ctx.now());
            if (refusal != null) {
                throw new ForbiddenException("Refund refused by the refund policy: " + refusal);
            }
        }
        PaymentAttempt paid = attempts.of(orderId).stream().filter(a -> PaymentAttempt.PAID.equals(a.state()))
                .findFirst().orElseThrow(() -> new ConflictException(ErrorCode.INVALID_STATE, "Order "
                        + orderId.value() + " was not paid through a payment provider here; refund it where it was "
                        + "paid, and record it with Learnloop.settlement().refund."));
        // one transaction: the order's refund, the clawback, the revocations and the refund's record
        Recorded recorded = ctx.transactRetrying(uow -> {
            Optional<Versioned<PaymentRefund>> found = uow.find(PaymentTypes.REFUND, id);
            RefundSettlement books = settlement.refund(uow, orderId,
                    new io.learnloop.core.commerce.RefundRequest(refundKey, lines, reason));
            if (found.isPresent()) {
                return new Recorded(found.get().value(), books, false);
            }
            PaymentRefund record = new PaymentRefund(id, orderId, refundKey, paid.provider(), paid.id(),
                    References.refund(ctx.tenant(), orderId, refundKey), books.refund().total(), reason,
                    PaymentRefund.PENDING, null, null, ctx.now(), 0);
            uow.insert(PaymentTypes.REFUND, record);
            markIfReturned(uow, record);
            return new Recorded(record, books, true);
        });
        PaymentRefund stored = recorded.refund();
        if (PaymentRefund.PENDING.equals(stored.state()) && recorded.inserted()) {
            stored = sendRefund(stored);
        } else if (PaymentRefund.RETRY.equals(stored.state()) || PaymentRefund.PENDING.equals(stored.state())) {
            // the last send may have reached the provider (a RETRY), or an earlier call stored the refund and may
            // have sent it before it stopped (a PENDING it did not insert now): ask before sending the same reference
            // again, since a provider's idempotency key does not last for ever (Stripe keeps it 24 hours)
            stored = recheck(stored);
        }
        return new RefundOutcome(recorded.books().order(), stored.state(), stored.providerRefundId(),
                recorded.books().revokedLines(), stored.detail());
    }

    private static void requireFinance(Actor actor, String operation) {
        new Validator().notNull("actor", actor).throwIfInvalid();
        actor.require(Role.FINANCE, operation);
    }

    RefundOutcome resendRefund(Actor actor, OrderId orderId, String refundKey) {
        requireFinance(actor, "send a refund again");
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
        PaymentProvider provider = providers.get(new ProviderId(r.provider()));
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
                claimed = r.resent(References.refund(ctx.tenant(), orderId, refundKey, r.resends() + 1), ctx.now());
            }
        }
        if (!claim(seen, claimed)) {
            return resendOutcome(current(id)); // another call claimed it first and sends it
        }
        LOG.info("{} refund {} of order {} sent again as {}", r.provider(), r.refundReference(), orderId.value(),
                claimed.refundReference());
        return resendOutcome(sendRefund(current(id)));
    }

    RefundOutcome resolveRefund(Actor actor, OrderId orderId, String refundKey, String note) {
        requireFinance(actor, "resolve a refund listed for review");
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
            return resolveRefund(actor, orderId, refundKey, note);
        }
        LOG.info("{} refund {} of order {} resolved from {}: {}", r.provider(), r.refundReference(), orderId.value(),
                r.state(), note);
        return resendOutcome(current(id));
    }

    /** The states whose fate only the provider knows: reconciliation asks about them. */
    static final Set<String> OPEN = Set.of(PaymentRefund.RETRY, PaymentRefund.PENDING, PaymentRefund.SENT,
            PaymentRefund.ACTION_REQUIRED);

    /** The states {@code moveRefund} leaves alone (except CONFIRMED to REVERSED). */
    private static final Set<String> SETTLED = Set.of(PaymentRefund.CONFIRMED, PaymentRefund.REVERSED,
            PaymentRefund.MISMATCH, PaymentRefund.RESOLVED);

    /** The states a person may close with {@code resolveRefund}: those listed for review on every run. */
    private static final Set<String> RESOLVABLE = Set.of(PaymentRefund.FAILED, PaymentRefund.BLOCKED,
            PaymentRefund.REVERSED, PaymentRefund.MISMATCH);

    /** The longest note {@code resolveRefund} keeps. */
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
                markIfReturned(uow, next);
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
        return new RefundOutcome(settlement.order(r.order()), r.state(), r.providerRefundId(), List.of(), r.detail());
    }

    PaymentRefund sendRefund(PaymentRefund r) {
        PaymentProvider provider = providers.find(r.provider());
        PaymentAttempt paid = attempts.get(r.attemptId());
        Order order = settlement.order(r.order());
        PaymentRefund next;
        try {
            RefundResult result = provider.refund(new RefundRequest(
                    new PaymentReference(paid.merchantReference(), paid.providerPaymentId()), r.refundReference(),
                    r.amount(), order.total(), r.reason() == null ? null : truncate(r.reason(), 80),
                    References.refundKey(r)));
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
                PaymentRefund answered = c.with(update.state(), update.providerRefundId(), update.detail(),
                        update.updatedAt());
                markIfReturned(uow, answered);
                return uow.update(PaymentTypes.REFUND, answered, current.version());
            }).value();
        } catch (ConflictException e) {
            // a notification moved the refund meanwhile; its state wins
            return ctx.read(uow -> uow.get(PaymentTypes.REFUND, r.id())).value();
        }
    }

    /** The review entry for a refund that waits for a person in FAILED, BLOCKED, REVERSED or MISMATCH. */
    static RefundReview review(PaymentRefund r) {
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
        PaymentProvider provider = providers.find(r.provider());
        if (provider == null) {
            return r;
        }
        try {
            askProvider(provider, r, new RefundRun(new ArrayList<>()));
        } catch (RemoteException e) {
            LOG.warn("{} refund {} could not be checked: {}", r.provider(), r.refundReference(), e.getMessage());
        }
        return ctx.read(uow -> uow.get(PaymentTypes.REFUND, r.id())).value();
    }

    RefundResult queryRefund(PaymentProvider provider, PaymentRefund r) {
        PaymentAttempt paid = attempts.get(r.attemptId());
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

    /**
     * Asks the provider about a refund whose fate is open and acts on its answer, as reconciliation does: confirm,
     * wait, list for review, or send again a refund the provider never saw.
     */
    void askProvider(PaymentProvider provider, PaymentRefund r, RefundRun report) {
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
     * here at all (a person decides, through {@code resendRefund}). A notification and a reconciliation run that
     * race confirm it once, and only the one that confirms publishes {@link Payments#REFUND_CONFIRMED}. Confirming
     * moves no money and revokes nothing: both happened when the refund was recorded.
     *
     * <p>The move is about one provider attempt: if the refund was sent again under another reference since the
     * caller read it, the answer about the old attempt says nothing about the new one and nothing changes.
     *
     * @return whether this call changed the refund
     */
    boolean moveRefund(String id, String attemptReference, String next, String providerRefundId, String detail,
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
            PaymentRefund moved = r.with(next, providerRefundId, detail, ctx.now());
            uow.update(PaymentTypes.REFUND, moved, current.version());
            markIfReturned(uow, moved);
            if (PaymentRefund.CONFIRMED.equals(next)) {
                uow.publish(ctx.event(Payments.REFUND_CONFIRMED, id, refundData(r, "confirmedBy", confirmedBy)));
            } else if (reversal) {
                uow.publish(ctx.event(Payments.REFUND_REVERSED, id, refundData(r, "detail", detail)));
            }
            return true;
        });
    }

    /**
     * The states in which the money is back with the payer as far as the SDK can tell (the provider confirmed the
     * refund) or a person closed it, so a refund the core booked to await return is marked returned. Every other state
     * may still end in a failure (a SENT refund can fail later), so the booked refund stays on the finance list.
     */
    static final Set<String> RETURNED = Set.of(PaymentRefund.CONFIRMED, PaymentRefund.RESOLVED);

    /**
     * Tells the core about a booked refund this record returns, in the unit of work that stores the record: taken on
     * at once (the desk follows it from now on: reconciliation, review, resend), returned once {@link #RETURNED}; a
     * refund the core never booked to await return is left alone.
     */
    private void markIfReturned(io.learnloop.core.store.UnitOfWork uow, PaymentRefund r) {
        settlement.markTaken(uow, r.order(), r.refundKey(), r.provider());
        if (RETURNED.contains(r.state())) {
            settlement.markReturned(uow, r.order(), r.refundKey(), r.provider());
        }
    }

    /**
     * Returns the money of a refund the core booked without asking a provider (a pay-per-outcome refund): stores the
     * refund's record under the same refund key, as {@link #refund} would (the order already holds the refund and the
     * ledger its clawback, so nothing is booked again), marks it taken on in the same unit of work (it leaves the
     * channel's list but stays on finance's) and sends it; it is marked returned once the provider confirms it or a
     * person resolves it. A refund whose record exists (stored before it was marked taken) is only marked: from then
     * on it is reconciliation's (PENDING, RETRY, SENT) or a person's (FAILED, BLOCKED, MISMATCH).
     *
     * @param booked the booked refund, awaiting return
     * @param paid   the order's paid attempt on a configured provider
     * @param report the run's tally
     */
    void returnBooked(BookedRefund booked, PaymentAttempt paid, RefundRun report) {
        String id = booked.order().value() + ":" + booked.refundKey();
        // a booked refund never changes: read outside the transaction
        io.learnloop.core.commerce.OrderRefund refund = settlement.order(booked.order()).refund(booked.refundKey());
        Recorded recorded = ctx.transactRetrying(uow -> {
            Optional<Versioned<PaymentRefund>> found = uow.find(PaymentTypes.REFUND, id);
            if (found.isPresent()) {
                markIfReturned(uow, found.get().value());
                return new Recorded(found.get().value(), null, false);
            }
            // the books hold the refund already: only the record of returning its money is new
            PaymentRefund record = new PaymentRefund(id, booked.order(), booked.refundKey(), paid.provider(),
                    paid.id(), References.refund(ctx.tenant(), booked.order(), booked.refundKey()), refund.total(),
                    refund.reason(), PaymentRefund.PENDING, null, null, ctx.now(), 0);
            uow.insert(PaymentTypes.REFUND, record);
            markIfReturned(uow, record);
            return new Recorded(record, null, true);
        });
        if (!recorded.inserted()) {
            return;
        }
        PaymentRefund after = sendRefund(recorded.refund());
        switch (after.state()) {
            case PaymentRefund.SENT, PaymentRefund.CONFIRMED, PaymentRefund.ACTION_REQUIRED -> report.sent++;
            case PaymentRefund.RETRY, PaymentRefund.PENDING -> report.failures.add(id + ": " + after.detail());
            default -> report.review.add(review(after)); // FAILED, BLOCKED or MISMATCH: a person decides
        }
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

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
