package io.learnloop.payment;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.identity.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a refund may go ahead. Built-ins: {@link #always()}, {@link #withinDays(int)},
 * {@link #consumedBelow(double, Consumption)}; combine them with {@link #and(RefundPolicy)}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RefundPolicy {
    /**
     * Checks a refund.
     *
     * @param order the paid order
     * @param lines the amounts asked for, per line
     * @param now   the current instant
     * @return null to allow, or the reason for refusing (shown to the caller)
     */
    String refusal(Order order, List<LineAmount> lines, Instant now);

    /**
     * How much of a course a learner has consumed, from 0 to 1 (the host wires it to its learning records).
     *
     * <p>Implementations must be thread-safe.
     */
    @FunctionalInterface
    interface Consumption {
        /**
         * The consumed share.
         *
         * @param learner the learner
         * @param course  the course
         * @return the share from 0 to 1
         */
        double share(UserId learner, CourseId course);
    }

    /**
     * Allows every refund.
     *
     * @return the policy
     */
    static RefundPolicy always() {
        return (order, lines, now) -> null;
    }

    /**
     * Allows refunds only within {@code days} days of payment.
     *
     * @param days the window
     * @return the policy
     */
    static RefundPolicy withinDays(int days) {
        return (order, lines, now) -> order.paidAt() != null && now.isAfter(order.paidAt().plus(Duration.ofDays(days)))
                ? "refunds are possible within " + days + " days of payment; this order was paid " + order.paidAt()
                : null;
    }

    /**
     * Allows refunding a line only while the learner has consumed less than {@code maxShare} of each of its
     * courses.
     *
     * @param maxShare    the share from 0 to 1 at which refunds stop
     * @param consumption where consumption is read from
     * @return the policy
     */
    static RefundPolicy consumedBelow(double maxShare, Consumption consumption) {
        Objects.requireNonNull(consumption, "consumption");
        return (order, lines, now) -> {
            for (LineAmount la : lines) {
                OrderLine line = order.line(la.line());
                if (line == null) {
                    continue;
                }
                for (CourseId course : line.courses()) {
                    double share = consumption.share(order.learner(), course);
                    if (share >= maxShare) {
                        return "line " + la.line() + ": " + Math.round(share * 100) + "% of course " + course.value()
                                + " was consumed; refunds stop at " + Math.round(maxShare * 100) + "%";
                    }
                }
            }
            return null;
        };
    }

    /**
     * Both policies must allow.
     *
     * @param other the other policy
     * @return the combined policy
     */
    default RefundPolicy and(RefundPolicy other) {
        return (order, lines, now) -> {
            String first = refusal(order, lines, now);
            return first != null ? first : other.refusal(order, lines, now);
        };
    }
}
