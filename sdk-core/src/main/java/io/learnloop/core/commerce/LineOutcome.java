package io.learnloop.core.commerce;

import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * The outcome part of a pay-per-outcome order line: the offer's condition as it was when bought, the line's deadline
 * once paid, and the decision the scheduled job recorded at the deadline.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param condition the offer's condition when the order was placed
 * @param deadline  when the outcome is decided: set when the order is paid (null before)
 * @param status    {@link OutcomeStatus#PENDING} until decided
 * @param decidedAt when the job decided it, or null
 * @param refunded  what the decision refunded (zero if nothing), or null while pending
 * @param restOrder the order for the rest, created when a deposit line's learner passed, or null
 */
public record LineOutcome(OutcomeCondition condition, Instant deadline, OutcomeStatus status, Instant decidedAt,
                          Money refunded, OrderId restOrder) {
    /**
     * A line's outcome when the order is placed: pending, without a deadline yet.
     *
     * @param condition the offer's condition
     * @return the outcome
     */
    public static LineOutcome placed(OutcomeCondition condition) {
        return new LineOutcome(condition, null, OutcomeStatus.PENDING, null, null, null);
    }

    /**
     * The same outcome with its deadline, counted from the payment.
     *
     * @param paidAt when the order was paid
     * @return the changed outcome
     */
    public LineOutcome paidAt(Instant paidAt) {
        return new LineOutcome(condition, condition.deadlineAfter(paidAt), status, decidedAt, refunded, restOrder);
    }

    /**
     * The same outcome, decided.
     *
     * @param decision  the decision
     * @param at        when
     * @param refund    what the decision refunded
     * @param rest      the order for the rest, or null
     * @return the changed outcome
     */
    public LineOutcome decided(OutcomeStatus decision, Instant at, Money refund, OrderId rest) {
        return new LineOutcome(condition, deadline, decision, at, refund, rest);
    }
}
