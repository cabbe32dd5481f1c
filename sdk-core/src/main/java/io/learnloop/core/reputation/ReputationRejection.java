package io.learnloop.core.reputation;

/**
 * Why an award was refused ({@link ReputationRejectedException#reason()}).
 *
 * <p>Thread-safe: an enum.
 */
public enum ReputationRejection {
    /** The actor tried to award themselves. */
    SELF_AWARD,
    /** The actor already awarded this learner for this target, under another source id. */
    ALREADY_AWARDED,
    /** The actor reached the day's cap of awards; see {@link ReputationRejectedException#retryAfter()}. */
    RATE_LIMITED
}
