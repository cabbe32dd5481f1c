package io.learnloop.core.internal.commerce;

import io.learnloop.core.commerce.CouponCode;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * One order's hold on one coupon. While held, it occupies slot {@code slot} of the learner's per-learner allowance
 * through a unique key, so two concurrent orders can never take the same slot. Released when the order is cancelled
 * or expires; never deleted.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the redemption's id
 * @param coupon     the coupon
 * @param learner    the learner
 * @param orderId    the order holding it
 * @param slot       the learner's slot, 1 to the coupon's per-learner limit (0 when the coupon has none)
 * @param released   whether the order gave it back
 * @param redeemedAt when it was taken
 */
public record CouponRedemption(String id, CouponCode coupon, UserId learner, OrderId orderId, int slot,
                               boolean released, Instant redeemedAt) {
    /**
     * The key of the learner's use of a coupon.
     *
     * @return the key
     */
    String learnerKey() {
        return coupon.value() + "|" + learner.value();
    }

    /**
     * The unique key of the held slot, or null when there is nothing to hold.
     *
     * @return the key
     */
    String slotKey() {
        return released || slot == 0 ? null : learnerKey() + "|" + slot;
    }

    /**
     * The same redemption, released.
     *
     * @return the changed redemption
     */
    CouponRedemption release() {
        return new CouponRedemption(id, coupon, learner, orderId, slot, true, redeemedAt);
    }
}
