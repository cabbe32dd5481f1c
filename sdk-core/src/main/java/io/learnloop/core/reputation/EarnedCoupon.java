package io.learnloop.core.reputation;

import io.learnloop.core.commerce.CouponCode;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A coupon a learner earned with their reputation, as stored. The code is a single-use coupon of
 * {@link io.learnloop.core.commerce.CommerceService}; whoever holds the code may redeem it, so show it to the learner
 * only.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       {@code learner|reward}
 * @param learner  the learner
 * @param reward   the {@link CouponReward#name()} it was earned under
 * @param code     the coupon's code
 * @param earnedAt when the learner's score reached the reward's threshold
 * @param expires  the end of the coupon's validity
 */
public record EarnedCoupon(String id, UserId learner, String reward, CouponCode code, Instant earnedAt,
                           Instant expires) {
}
