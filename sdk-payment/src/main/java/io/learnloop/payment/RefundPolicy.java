package io.learnloop.payment;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.ProgressService;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
     * How much of a course a learner has consumed, from 0 to 1. {@link #fromProgress(ProgressService)} reads it from
     * the SDK's learning records; a host may supply another source.
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

        /**
         * Consumption read from learning progress: the learner's completed lessons over all lessons of the
         * course's published version, optional lessons included ({@link CourseCompletion#share()}). A lesson counts
         * once it is complete by the progress rules (coverage for video and audio, dwell time for articles, a
         * passed quiz, "done" for the rest), so skimming or seeking does not count and a lesson the learner
         * finished counts whole. A course without lessons, or one the learner never started, is 0.
         *
         * <p>Thread-safe: reads the store on each call.
         *
         * @param progress the progress service, usually {@code learnloop.progress()}
         * @return the consumption
         * @throws ValidationException naming {@code progress} when it is null
         */
        static Consumption fromProgress(ProgressService progress) {
            new Validator().notNull("progress", progress).throwIfInvalid();
            return (learner, course) -> progress.courseCompletion(learner, course).share();
        }
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
     * @param maxShare    the share from 0 to 1 at which refunds stop (0 refuses every refund)
     * @param consumption where consumption is read from, for example {@link Consumption#fromProgress}
     * @return the policy
     * @throws ValidationException naming {@code maxShare} when it is not a number from 0 to 1, and
     *                             {@code consumption} when it is null
     */
    static RefundPolicy consumedBelow(double maxShare, Consumption consumption) {
        new Validator()
                .check(maxShare >= 0 && maxShare <= 1, "maxShare", "must be a share from 0 to 1 (was " + maxShare + ")")
                .notNull("consumption", consumption)
                .throwIfInvalid();
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
