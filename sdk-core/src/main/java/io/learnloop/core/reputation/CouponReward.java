package io.learnloop.core.reputation;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.time.Duration;

/**
 * A coupon a learner earns, once, when their reputation first reaches a threshold: a single-use code for a
 * percentage or a fixed amount off any offer, valid for a while from the moment it is earned, redeemed at checkout
 * like any other coupon ({@link io.learnloop.core.commerce.PlaceOrder}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param name          the reward's stable name (lower-case letters, digits and hyphens); a learner earns each name
 *                      once
 * @param points        the score that earns it, positive
 * @param percentOffBps basis points off (1 to 10000), or 0 for a fixed amount
 * @param amountOff     the amount off, or null for a percentage
 * @param validFor      how long the code stays valid once earned, positive
 */
public record CouponReward(String name, double points, int percentOffBps, Money amountOff, Duration validFor) {
    /**
     * Validates every field at once.
     *
     * @param name          the name
     * @param points        the threshold
     * @param percentOffBps basis points off
     * @param amountOff     the amount off
     * @param validFor      the validity
     */
    public CouponReward {
        new Validator().notBlank("name", name, 64)
                .check(name == null || name.matches("[a-z0-9-]+"), "name", "must be lower-case letters, digits and '-'")
                .finite("points", points)
                .check(points > 0, "points", "must be positive (was " + points + ")")
                .check((percentOffBps == 0) != (amountOff == null), "percentOffBps",
                        "give either basis points off or an amount off, not both or neither")
                .check(percentOffBps >= 0 && percentOffBps <= 10_000, "percentOffBps", "must be 0 to 10000")
                .check(amountOff == null || amountOff.isPositive(), "amountOff", "must be positive")
                .check(validFor != null && validFor.compareTo(Duration.ofHours(1)) >= 0, "validFor",
                        "must be at least one hour")
                .throwIfInvalid();
    }

    /**
     * A percentage coupon.
     *
     * @param name     the name
     * @param points   the threshold
     * @param bps      basis points off (1500 = 15%)
     * @param validFor how long the code stays valid
     * @return the reward
     */
    public static CouponReward percent(String name, double points, int bps, Duration validFor) {
        return new CouponReward(name, points, bps, null, validFor);
    }
}
