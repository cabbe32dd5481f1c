package io.learnloop.core.commerce;

/**
 * Whether a coupon combines with other coupons on one order.
 *
 * <p>Thread-safe: an enum.
 */
public enum StackingRule {
    /** The coupon must be the only one on the order. */
    EXCLUSIVE,
    /** The coupon combines with other stackable coupons; they apply in the order given. */
    STACKABLE
}
