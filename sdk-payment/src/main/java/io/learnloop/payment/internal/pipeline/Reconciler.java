package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.money.Money;
import io.learnloop.core.Page;
import io.learnloop.core.settlement.BookedRefund;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.PaymentStatus;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.RefundState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciliation: asks providers about payments that waited too long and refunds whose fate is open, settles what
 * was paid, closes and expires what is past its deadline, and lists what needs a person. Each run reads a bounded
 * batch per state, the longest-waiting first; a run that finds a full batch leaves the rest to the next run.
 *
 * <p>Thread-safe: immutable.
 */
final class Reconciler {
    /** The most attempts or refunds of one state one run looks at. */
    static final int BATCH = 500;

    private final ServiceContext ctx;
    private final Settlement settlement;
    private final Providers providers;
    private final Attempts attempts;
    private final Settler settler;
    private final RefundDesk refunds;
    private final Duration reconcileAfter;

    Reconciler(ServiceContext ctx, Settlement settlement, Providers providers, Attempts attempts, Settler settler,
               RefundDesk refunds, Duration reconcileAfter) {
        this.ctx = ctx;
        this.settlement = settlement;
        this.providers = providers;
        this.attempts = attempts;
        this.settler = settler;
        this.refunds = refunds;
        this.reconcileAfter = reconcileAfter;
    }

    /** The records of one state, the least recently changed first, at most one batch. */
    private <T> List<T> waiting(AggregateType<T> type, String state) {
        return ctx.read(uow -> uow.findRange(type, PaymentTypes.BY_STATE, state, IndexRange.first(BATCH))).stream()
                .map(Versioned::value).toList();
    }

    /** The refunds listed for review in one state, at most one batch. */
    private List<PaymentRefund> listed(String state) {
        return ctx.read(uow -> uow.findRange(PaymentTypes.REFUND, PaymentTypes.BY_STATE, state,
                IndexRange.first(BATCH))).stream().map(Versioned::value).toList();
    }

    ReconciliationReport reconcile() {
        Instant now = ctx.now();
        List<OrderId> settled = new ArrayList<>();
        List<OrderId> expired = new ArrayList<>();
        List<OrderId> pending = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        List<PaymentAttempt> open = new ArrayList<>();
        for (String state : List.of(PaymentAttempt.NEW, PaymentAttempt.PENDING, PaymentAttempt.UNKNOWN)) {
            open.addAll(waiting(PaymentTypes.ATTEMPT, state));
        }
        for (PaymentAttempt attempt : open) {
            if (attempt.createdAt().plus(reconcileAfter).isAfter(now)) {
                continue;
            }
            PaymentProvider provider = providers.find(attempt.provider());
            if (provider == null) {
                failures.add(attempt.id() + ": provider not configured");
                continue;
            }
            checked++;
            try {
                PaymentReference ref = new PaymentReference(attempt.merchantReference(), attempt.providerPaymentId());
                PaymentStatus status = provider.query(ref);
                Order order = settlement.order(attempt.order());
                if (status.state() == PaymentState.PAID || status.state() == PaymentState.REFUNDED) {
                    Money amount = status.amount() != null ? status.amount() : attempt.amount();
                    if (!amount.equals(attempt.amount())) {
                        failures.add(attempt.id() + ": paid " + amount + " but the order expects " + attempt.amount());
                        continue;
                    }
                    Step step = settler.settle(attempt, status.providerPaymentId(), amount, provider.id(), null);
                    if (step.disposition() == Disposition.SETTLED || step.disposition() == Disposition.ALREADY_SETTLED) {
                        settled.add(order.id());
                    } else {
                        failures.add(attempt.id() + ": " + step.detail());
                    }
                    continue;
                }
                boolean due = order.expiresAt() != null && !order.expiresAt().isAfter(now);
                if (status.state() == PaymentState.PENDING && due) {
                    provider.close(ref);
                }
                if (status.state() != PaymentState.PENDING || due) {
                    attempts.save(attempt.with(PaymentAttempt.CLOSED, null, now));
                }
                if (due && order.status() == OrderStatus.AWAITING_PAYMENT && attempts.of(order.id()).stream()
                        .noneMatch(a -> a.open() && !a.id().equals(attempt.id()))) {
                    settlement.expire(order.id());
                    expired.add(order.id());
                } else if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                    pending.add(order.id());
                }
            } catch (RemoteException | ConflictException e) {
                failures.add(attempt.id() + ": " + e.getMessage());
            }
        }
        RefundRun refunds = new RefundRun(failures);
        reconcileRefunds(now, refunds);
        // after the open refunds: one whose send failed last run was asked about (and sent again) just now
        returnBookedRefunds(refunds);
        return new ReconciliationReport(checked, settled, expired, pending, refunds.sent, failures, refunds.checked,
                refunds.confirmed, refunds.review);
    }

    /**
     * Asks the provider about every refund whose fate is open: RETRY (the last send failed, perhaps after the
     * provider acted) at once; PENDING (stored but never sent, for example after a crash), SENT (accepted, its
     * notification has not come) and ACTION_REQUIRED once they have waited {@code reconcileAfter}. What the provider
     * knows wins; only a refund it does not know is sent again, with the same reference and idempotency key.
     * FAILED, BLOCKED, REVERSED and MISMATCH refunds are listed for review on every run without asking the provider:
     * they wait for a person (a FAILED one may have been reported by its notification alone).
     */
    private void reconcileRefunds(Instant now, RefundRun report) {
        for (String state : List.of(PaymentRefund.FAILED, PaymentRefund.BLOCKED, PaymentRefund.REVERSED,
                PaymentRefund.MISMATCH)) {
            for (PaymentRefund r : listed(state)) {
                report.review.add(RefundDesk.review(r));
            }
        }
        List<PaymentRefund> open = new ArrayList<>();
        for (String state : List.of(PaymentRefund.RETRY, PaymentRefund.PENDING, PaymentRefund.SENT,
                PaymentRefund.ACTION_REQUIRED)) {
            open.addAll(waiting(PaymentTypes.REFUND, state));
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
            PaymentProvider provider = providers.find(r.provider());
            if (provider == null) {
                report.failures.add(r.id() + ": provider " + r.provider() + " not configured");
                continue;
            }
            try {
                refunds.askProvider(provider, r, report);
            } catch (LearnloopException e) {
                // one refund the provider cannot be asked about (a provider error, or a stored payment id it refuses)
                // is reported and the run goes on: the other refunds must not wait behind it for ever
                report.failures.add(r.id() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Returns the money of refunds the core booked without asking a provider (pay-per-outcome refunds), the earliest
     * booked first, at most {@link #BATCH} a run per provider: each goes through the refund desk under its own refund
     * key, so the provider's idempotency (the refund reference and key derived from it) makes a send repeated after a
     * stop harmless. Storing the refund's record takes it off the provider's list at once (a refund the provider
     * refused waits for a person in the review queue, not at the head of this list); it stays on finance's list until
     * the provider confirms it. Only the configured providers' refunds are read: a refund of an order paid elsewhere
     * (a bank transfer, a provider another instance serves) stays listed for finance ({@code
     * Settlement.awaitingReturn}) and never holds these up.
     */
    private void returnBookedRefunds(RefundRun report) {
        for (ProviderId provider : providers.ids()) {
            // each provider has its own budget: one provider's refunds never starve another's
            int seen = 0;
            String cursor = null;
            do {
                Page<BookedRefund> page = settlement.awaitingReturn(provider.value(), cursor,
                        Math.min(Page.MAX_LIMIT, BATCH - seen));
                for (BookedRefund booked : page.items()) {
                    seen++;
                    returnBooked(booked, report);
                }
                cursor = page.nextCursor();
            } while (cursor != null && seen < BATCH);
        }
    }

    private void returnBooked(BookedRefund booked, RefundRun report) {
        PaymentAttempt paid = attempts.of(booked.order()).stream()
                .filter(a -> PaymentAttempt.PAID.equals(a.state())).findFirst().orElse(null);
        if (paid == null) {
            report.failures.add(booked.id() + ": booked refund of " + booked.amount() + " has no paid attempt on '"
                    + booked.channel() + "' to return it through; return it there and mark it returned");
            return;
        }
        try {
            refunds.returnBooked(booked, paid, report);
        } catch (LearnloopException e) {
            report.failures.add(booked.id() + ": " + e.getMessage());
        }
    }
}
