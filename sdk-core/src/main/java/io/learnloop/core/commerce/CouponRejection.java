package io.learnloop.core.commerce;

/**
 * Why a coupon could not be used on an order.
 *
 * <p>Thread-safe: an enum.
 */
public enum CouponRejection {
    /** No coupon has this code. */
    UNKNOWN,
    /** The coupon was switched off. */
    INACTIVE,
    /** Its validity window has not started. */
    NOT_YET_VALID,
    /** Its validity window has ended. */
    EXPIRED,
    /** It reached its maximum number of redemptions. */
    EXHAUSTED,
    /** This learner used it as often as allowed. */
    LEARNER_LIMIT,
    /** It applies to none of the order's offers. */
    NOT_APPLICABLE,
    /** The applicable price is already at or below its floor price. */
    BELOW_FLOOR,
    /** It cannot be combined with the other coupons of the order. */
    NOT_STACKABLE
}
