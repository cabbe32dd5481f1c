package io.learnloop.core.internal.commerce;

import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.CouponRejectedException;
import io.learnloop.core.commerce.CouponRejection;

import java.time.Instant;
import java.util.Set;

/**
 * The checks a coupon must pass before it is priced: switched on, inside its window, not exhausted, and with a free
 * slot in the learner's allowance.
 *
 * <p>Stateless; thread-safe.
 */
final class CouponRules {
    private CouponRules() {
    }

    /**
     * Checks a coupon and picks the learner's slot.
     *
     * @param coupon    the coupon as read in this transaction
     * @param field     the request field naming it
     * @param now       the current instant
     * @param heldSlots the slots the learner's open orders hold on it
     * @return the slot to hold (0 when the coupon has no per-learner limit)
     */
    static int check(Coupon coupon, String field, Instant now, Set<Integer> heldSlots) {
        String code = coupon.code().value();
        if (!coupon.active()) {
            throw new CouponRejectedException(field, code, CouponRejection.INACTIVE, "is switched off");
        }
        if (now.isBefore(coupon.validFrom())) {
            throw new CouponRejectedException(field, code, CouponRejection.NOT_YET_VALID,
                    "is not valid before " + coupon.validFrom());
        }
        if (!now.isBefore(coupon.validUntil())) {
            throw new CouponRejectedException(field, code, CouponRejection.EXPIRED,
                    "expired at " + coupon.validUntil());
        }
        if (coupon.maxRedemptions() > 0 && coupon.redemptions() >= coupon.maxRedemptions()) {
            throw new CouponRejectedException(field, code, CouponRejection.EXHAUSTED,
                    "was used the maximum of " + coupon.maxRedemptions() + " times");
        }
        if (coupon.maxPerLearner() == 0) {
            return 0;
        }
        for (int slot = 1; slot <= coupon.maxPerLearner(); slot++) {
            if (!heldSlots.contains(slot)) {
                return slot;
            }
        }
        throw new CouponRejectedException(field, code, CouponRejection.LEARNER_LIMIT,
                "was already used by this learner the maximum of " + coupon.maxPerLearner() + " times");
    }
}
