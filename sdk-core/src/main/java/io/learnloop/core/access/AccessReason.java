package io.learnloop.core.access;

/**
 * Why a learner may or may not open a lesson or course.
 *
 * <p>Thread-safe: an enum.
 */
public enum AccessReason {
    /** Allowed: the lesson is a free preview. */
    FREE_PREVIEW(true),
    /** Allowed: the learner bought the course. */
    PURCHASED(true),
    /** Allowed: a membership period covers the course. */
    MEMBERSHIP(true),
    /** Allowed: a free enrolment or a manual grant. */
    GRANTED(true),
    /** Denied: the learner's grant has ended. */
    EXPIRED(false),
    /** Denied: the learner's grant was revoked (refund, chargeback or by an admin). */
    REVOKED(false),
    /** Denied: the learner holds no grant for the course. */
    NOT_ENTITLED(false),
    /** Denied: the lesson is not in a published version, or the course is archived and the learner holds no grant. */
    COURSE_UNPUBLISHED(false);

    private final boolean allows;

    AccessReason(boolean allows) {
        this.allows = allows;
    }

    /**
     * Whether this reason lets the learner in.
     *
     * @return true for the allowing reasons
     */
    public boolean allows() {
        return allows;
    }

    /**
     * The allowing reason for a grant source.
     *
     * @param source the source
     * @return {@link #PURCHASED}, {@link #MEMBERSHIP} or {@link #GRANTED}
     */
    public static AccessReason of(GrantSource source) {
        return switch (source) {
            case PURCHASE -> PURCHASED;
            case MEMBERSHIP -> MEMBERSHIP;
            case FREE, MANUAL -> GRANTED;
        };
    }
}
