package io.learnloop.core.review;

/**
 * What a learner's entitlement history says about their right to review a course.
 *
 * <p>Thread-safe: an enum.
 */
public enum PurchaseStanding {
    /** No paid or membership entitlement, ever (free or manual grants do not count). */
    NONE,
    /** A paid or membership entitlement, current or past, that was not refunded. */
    QUALIFYING,
    /** Every paid or membership entitlement the learner had was refunded. */
    REFUNDED
}
