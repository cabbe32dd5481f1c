package io.learnloop.core.internal.settlement;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.LineOutcome;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.OutcomeKind;
import io.learnloop.core.commerce.OutcomeStatus;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.commerce.DefaultCommerceService;
import io.learnloop.core.internal.credential.CredentialTypes;
import io.learnloop.core.internal.jobs.Jobs;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.internal.ledger.DefaultLedgerService;
import io.learnloop.core.internal.privacy.AuditTrail;
import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.AuditEntry;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides pay-per-outcome order lines at their deadlines. Settling the payment schedules one job per such line on the
 * store's job queue, positioned at the line's deadline, so the scheduled run reads only the lines that are due, in
 * deadline order, a bounded batch at a time. Deciding a line is one unit of work with the job's completion: a refund
 * through the settlement (under the refund key {@code outcome:<line>}), booked to await money return until the channel that took the payment returns it ({@code Settlement.awaitingReturn}), the recognition of its deferred revenue, the
 * order for the rest of a deposit, the audit entry of the refund (its actor {@link AuditEntry#SCHEDULED_JOB}), the decision on the order line and its event. A line is decided once: the job is
 * completed once, and a line no longer pending is left alone.
 *
 * <p>Thread-safe: immutable.
 */
public final class OutcomeDecisions {
    /** The job queue of outcome deadlines. */
    public static final String QUEUE = "commerce.outcome";

    private final ServiceContext ctx;
    private final DefaultCommerceService commerce;
    private final DefaultSettlement settlement;
    private final DefaultLedgerService ledger;

    /**
     * Creates the decisions.
     *
     * @param ctx        the facade's context
     * @param commerce   the orders
     * @param settlement the settlement, which books the refunds
     * @param ledger     the revenue ledger
     */
    public OutcomeDecisions(ServiceContext ctx, DefaultCommerceService commerce, DefaultSettlement settlement,
                            DefaultLedgerService ledger) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.commerce = Objects.requireNonNull(commerce, "commerce");
        this.settlement = Objects.requireNonNull(settlement, "settlement");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * The part of each pay-per-outcome line's net that is at risk, by line number, for the ledger to defer.
     *
     * @param paid the paid order
     * @return the amounts, only for lines with something at risk
     */
    static Map<Integer, Money> atRisk(Order paid) {
        Map<Integer, Money> risk = new LinkedHashMap<>();
        for (OrderLine line : paid.lines()) {
            if (line.outcome() != null) {
                Money m = line.outcome().condition().atRisk(line.net());
                if (m.isPositive()) {
                    risk.put(line.line(), m);
                }
            }
        }
        return risk;
    }

    /**
     * Schedules the decision of every pay-per-outcome line of a paid order at its deadline, in the settlement's unit
     * of work.
     *
     * @param uow  the unit of work
     * @param paid the order, paid
     */
    static void scheduleWithin(UnitOfWork uow, Order paid) {
        for (OrderLine line : paid.lines()) {
            if (line.outcome() != null && line.outcome().deadline() != null) {
                String key = paid.id().value() + ":" + line.line();
                Jobs.schedule(uow, QUEUE, key, line.outcome().deadline(), paid.id().value() + "|" + line.line());
            }
        }
    }

    /**
     * Decides one line in the job's unit of work.
     *
     * @param uow     the unit of work (the job's completion commits with it)
     * @param payload {@code <order>|<line>}
     * @return true if the line was decided now, false if it had been decided before
     */
    public boolean decideWithin(UnitOfWork uow, String payload) {
        int bar = payload.lastIndexOf('|');
        OrderId orderId = OrderId.of(payload.substring(0, bar));
        int number = Integer.parseInt(payload.substring(bar + 1));
        Order order = uow.get(CommerceTypes.ORDER, orderId.value()).value();
        OrderLine line = order.line(number);
        if (line == null || line.outcome() == null || line.outcome().status() != OutcomeStatus.PENDING) {
            return false;
        }
        LineOutcome outcome = line.outcome();
        Money zero = Money.zero(line.net().currency());
        boolean open = order.status() == OrderStatus.PAID || order.status() == OrderStatus.PARTIALLY_REFUNDED;
        Map<String, String> data = new LinkedHashMap<>();
        OutcomeStatus decision;
        Money refunded = zero;
        OrderId rest = null;
        if (!open || line.fullyRefunded()) {
            decision = OutcomeStatus.VOID;
        } else {
            decision = judge(uow, order.learner().value(), line.courses().get(0), outcome.deadline());
            if (outcome.condition().kind() == OutcomeKind.REFUND_SHARE_IF_NOT_PASSED
                    && decision == OutcomeStatus.COMPLETED_NOT_PASSED) {
                // what a refund before the deadline already returned counts towards the share
                Money due = outcome.condition().atRisk(line.net()).minus(line.refunded()).min(line.refundable());
                if (due.isPositive()) {
                    String key = "outcome:" + number;
                    String reason = "pay-per-outcome: required work completed but not passed by " + outcome.deadline();
                    io.learnloop.core.settlement.RefundSettlement booked = settlement.refund(uow, orderId,
                            new RefundRequest(key, List.of(LineAmount.of(number, due)), reason));
                    // no channel was asked to return the money: it awaits the channel that took the payment
                    DefaultSettlement.awaitReturnWithin(uow, booked.order(), booked.refund());
                    // recorded like a refund by the money desk, under the same once-per-refund key, so the audit log
                    // shows every refund whoever booked it
                    AuditTrail.appendOnce(ctx, uow, orderId + "\n" + key, AuditEntry.SCHEDULED_JOB,
                            AuditAction.REFUNDED, order.learner(), "order " + orderId + " refund " + key, reason);
                    refunded = due;
                    data.put("refundKey", key);
                    data.put("refundAmount", Long.toString(due.minor()));
                    data.put("currency", due.currency().getCurrencyCode());
                }
            } else if (outcome.condition().kind() == OutcomeKind.DEPOSIT_THEN_REST
                    && decision == OutcomeStatus.PASSED) {
                rest = commerce.placeRestWithin(uow, order, line).id();
                data.put("restOrderId", rest.value());
            }
        }
        // whatever is still deferred is now earned: the outcome is final
        ledger.recogniseWithin(uow, orderId, number);
        Instant now = ctx.now();
        commerce.recordOutcomeWithin(uow, orderId, number, outcome.decided(decision, now, refunded, rest));
        data.put("orderId", orderId.value());
        data.put("line", Integer.toString(number));
        data.put("learner", order.learner().value());
        data.put("kind", outcome.condition().kind().name());
        data.put("outcome", decision.name());
        uow.publish(ctx.event(EventTypes.ORDER_OUTCOME_DECIDED, orderId.value() + ":" + number, data));
        return true;
    }

    /** Passed: an active certificate issued by the deadline. Completed: every required lesson done by then. */
    private static OutcomeStatus judge(UnitOfWork uow, String learner, CourseId course, Instant deadline) {
        boolean passed = uow.findUnique(CredentialTypes.CERTIFICATE, CredentialTypes.ACTIVE,
                        learner + "|" + course.value()).map(Versioned::value).map(Certificate::validFrom)
                .map(at -> !at.isAfter(deadline)).orElse(false);
        if (passed) {
            return OutcomeStatus.PASSED;
        }
        boolean completed = uow.find(LearningTypes.COURSE_PROGRESS,
                        CourseProgress.idOf(io.learnloop.core.identity.UserId.of(learner), course))
                .map(Versioned::value).map(CourseProgress::completedAt)
                .map(at -> !at.isAfter(deadline)).orElse(false);
        return completed ? OutcomeStatus.COMPLETED_NOT_PASSED : OutcomeStatus.NOT_COMPLETED;
    }
}
