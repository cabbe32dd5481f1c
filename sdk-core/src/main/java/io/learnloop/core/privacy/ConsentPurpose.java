package io.learnloop.core.privacy;

/**
 * What a learner may agree to, or refuse. Two kinds: what needs the learner's agreement before it happens (opt-in:
 * {@link #TERMS}, {@link #MARKETING}, {@link #DATA_TRANSFER}), and what happens until the learner objects (opt-out:
 * {@link #PERSONALISATION}, {@link #ANALYTICS}). A purpose never recorded is allowed only if it is opt-out.
 *
 * <p>Thread-safe: an enum.
 */
public enum ConsentPurpose {
    /** The platform's terms of service and privacy notice, at a version. */
    TERMS(false),
    /** Marketing messages: newsletters, offers, coupons by email or message. */
    MARKETING(false),
    /** Transfer of personal data out of the jurisdiction it was collected in (PIPL art. 38-39, GDPR chapter V). */
    DATA_TRANSFER(false),
    /** Recommendations computed from the learner's own history. */
    PERSONALISATION(true),
    /** The learner's activity in aggregate statistics and reports. */
    ANALYTICS(true);

    private final boolean allowedUntilRefused;

    ConsentPurpose(boolean allowedUntilRefused) {
        this.allowedUntilRefused = allowedUntilRefused;
    }

    /**
     * Whether this purpose is allowed for a learner who never decided about it.
     *
     * @return true for an opt-out purpose
     */
    public boolean allowedUntilRefused() {
        return allowedUntilRefused;
    }
}
