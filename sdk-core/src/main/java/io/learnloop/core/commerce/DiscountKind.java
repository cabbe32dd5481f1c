package io.learnloop.core.commerce;

/**
 * How a coupon takes money off.
 *
 * <p>Thread-safe: an enum.
 */
public enum DiscountKind {
    /** A percentage of the applicable lines, in basis points (1500 = 15%). */
    PERCENT,
    /** A fixed amount off the applicable lines, never more than they cost. */
    FIXED
}
