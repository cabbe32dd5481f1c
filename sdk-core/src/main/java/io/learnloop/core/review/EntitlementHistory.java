package io.learnloop.core.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

/**
 * Answers from the access ledger whether a learner paid for a course (or held it through a membership), currently
 * or in the past, and whether that was refunded. The SDK adapts its access service to this interface.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EntitlementHistory {
    /**
     * The learner's standing for a course.
     *
     * @param learner the learner
     * @param course  the course
     * @return the standing
     */
    PurchaseStanding standing(UserId learner, CourseId course);
}
