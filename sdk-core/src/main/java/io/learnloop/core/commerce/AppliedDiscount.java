package io.learnloop.core.commerce;

import io.learnloop.core.money.Money;

/**
 * One coupon as applied to an order: the total it took off (allocated across the lines it applies to).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param coupon the coupon's code
 * @param amount the amount it took off the order
 */
public record AppliedDiscount(CouponCode coupon, Money amount) {
}
