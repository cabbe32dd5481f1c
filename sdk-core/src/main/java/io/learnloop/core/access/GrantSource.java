package io.learnloop.core.access;

/**
 * Why a learner holds a grant.
 *
 * <p>Thread-safe: an enum.
 */
public enum GrantSource {
    /** A paid order line (order id and line id). */
    PURCHASE,
    /** One period of a membership plan, covering listed courses and/or whole categories. */
    MEMBERSHIP,
    /** Enrolment in a free course. */
    FREE,
    /** Given by an admin, with a reference such as a support ticket. */
    MANUAL
}
