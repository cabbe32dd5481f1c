package io.learnloop.core.subscription;

/**
 * Where an auto-renewing membership stands.
 *
 * <pre>
 * INCOMPLETE ──paid──> ACTIVE ──period ends unpaid / payment failed──> PAST_DUE ──paid in grace──> ACTIVE
 * TRIALING ──paid──> ACTIVE                                             PAST_DUE ──grace ends──> EXPIRED
 * TRIALING / ACTIVE with cancel at period end ──period ends──> EXPIRED
 * any live state ──cancelled now──> CANCELED
 * </pre>
 *
 * <p>Thread-safe: an enum.
 */
public enum SubscriptionStatus {
    /** Opened with the provider; its first payment has not arrived, and it gives no access. */
    INCOMPLETE,
    /** In the plan's free trial: access until the trial ends, when the first charge is due. */
    TRIALING,
    /** Paid up: access until the current period ends, when the next charge is due. */
    ACTIVE,
    /** A renewal is unpaid: access is kept until the grace period ends while the charge is retried. */
    PAST_DUE,
    /** Cancelled at once (by the provider or the host); final. Paid periods still run to their end. */
    CANCELED,
    /** Ran out: cancelled at period end and the period ended, or the grace period ended unpaid; final. */
    EXPIRED;

    /**
     * Whether the subscription can still change: not {@link #CANCELED} or {@link #EXPIRED}.
     *
     * @return true while live
     */
    public boolean live() {
        return this != CANCELED && this != EXPIRED;
    }
}
