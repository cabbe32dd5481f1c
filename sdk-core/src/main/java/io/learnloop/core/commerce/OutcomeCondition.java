package io.learnloop.core.commerce;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.time.Duration;
import java.time.Instant;

/**
 * The condition of a pay-per-outcome offer (按效果付费): a deadline, and how the price depends on whether the learner
 * completed the required work and passed by then. "Completed" means every required lesson of the course was complete
 * (the course's progress records its completion); "passed" means the learner held an active certificate of the course,
 * issued under the facade's certificate rule, by the deadline. A scheduled job
 * ({@code Learnloop.runScheduledJobs()}) decides each paid line once its deadline has passed.
 *
 * <p>The deadline is either a duration after payment ({@code within}) or a fixed instant ({@code by}, see {@link #withDeadline}), never both.
 * Use the factories; the constructor checks that the fields fit the kind.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param kind           how the price depends on the outcome
 * @param within         the deadline as a time after payment, positive and at most {@link #MAX_WITHIN}; or null
 *                       when {@code by} is set
 * @param by             a fixed deadline, which must lie in the future when the offer is created and when it is
 *                       bought; or null when {@code within} is set
 * @param refundShareBps for {@link OutcomeKind#REFUND_SHARE_IF_NOT_PASSED}: the share of what the learner paid for the
 *                       line that is refunded, in basis points, 1 to 10000; 0 for the other kind
 * @param rest           for {@link OutcomeKind#DEPOSIT_THEN_REST}: what falls due after passing, positive, in the
 *                       offer's currency; null for the other kind
 */
public record OutcomeCondition(OutcomeKind kind, Duration within, Instant by, int refundShareBps, Money rest) {
    /** The longest deadline after payment accepted. */
    public static final Duration MAX_WITHIN = Duration.ofDays(3650);

    /**
     * Validates every field at once.
     *
     * @param kind           the kind
     * @param within         the deadline after payment, or null
     * @param by             the fixed deadline, or null
     * @param refundShareBps the refunded share
     * @param rest           the rest
     */
    public OutcomeCondition {
        Validator v = new Validator().notNull("outcome.kind", kind)
                .check((within == null) != (by == null), "outcome.within",
                        "set exactly one deadline: a duration after payment (within) or a fixed instant (by)")
                .check(within == null || (!within.isNegative() && !within.isZero()), "outcome.within",
                        "must be positive (was " + within + ")")
                .check(within == null || within.compareTo(MAX_WITHIN) <= 0, "outcome.within",
                        "must be at most " + MAX_WITHIN.toDays() + " days (was " + within + ")");
        if (kind == OutcomeKind.REFUND_SHARE_IF_NOT_PASSED) {
            v.check(refundShareBps >= 1 && refundShareBps <= 10_000, "outcome.refundShareBps",
                    "must be 1 to 10000 basis points (was " + refundShareBps + ")")
                    .check(rest == null, "outcome.rest", "only a deposit offer has a rest to pay");
        } else if (kind == OutcomeKind.DEPOSIT_THEN_REST) {
            v.check(refundShareBps == 0, "outcome.refundShareBps", "only a refund-share offer refunds a share (was "
                            + refundShareBps + ")")
                    .notNull("outcome.rest", rest)
                    .check(rest == null || rest.isPositive(), "outcome.rest", "must be positive (was " + rest + ")");
        }
        v.throwIfInvalid();
    }

    /**
     * Refund a share of what the learner paid if they complete the required work but do not pass within a time
     * after payment.
     *
     * @param within         the deadline after payment
     * @param refundShareBps the share refunded, in basis points (5000 is half)
     * @return the condition
     */
    public static OutcomeCondition refundShareIfNotPassed(Duration within, int refundShareBps) {
        return new OutcomeCondition(OutcomeKind.REFUND_SHARE_IF_NOT_PASSED, within, null, refundShareBps, null);
    }

    /**
     * Take the offer's price as a deposit now, and ask for the rest after the learner passes within a time after
     * payment.
     *
     * @param within the deadline after payment
     * @param rest   what falls due after passing
     * @return the condition
     */
    public static OutcomeCondition depositThenRest(Duration within, Money rest) {
        return new OutcomeCondition(OutcomeKind.DEPOSIT_THEN_REST, within, null, 0, rest);
    }

    /**
     * The same condition with a fixed deadline instead of a time after payment.
     *
     * @param deadline the fixed deadline, in the future
     * @return the changed condition
     */
    public OutcomeCondition withDeadline(Instant deadline) {
        return new OutcomeCondition(kind, null, deadline, refundShareBps, rest);
    }

    /**
     * The deadline of a line paid at an instant.
     *
     * @param paidAt when the order was paid
     * @return the fixed deadline, or {@code paidAt + within}
     */
    public Instant deadlineAfter(Instant paidAt) {
        return by != null ? by : paidAt.plus(within);
    }

    /**
     * The part of a line's net amount that depends on the outcome: the refunded share for
     * {@link OutcomeKind#REFUND_SHARE_IF_NOT_PASSED} (largest remainder, so share and rest sum to the net), zero for a
     * deposit, which is never refunded.
     *
     * @param net what the learner paid for the line
     * @return the amount at risk
     */
    public Money atRisk(Money net) {
        if (kind != OutcomeKind.REFUND_SHARE_IF_NOT_PASSED || net.isZero()) {
            return Money.zero(net.currency());
        }
        return net.allocate(refundShareBps, 10_000L - refundShareBps).get(0);
    }
}
