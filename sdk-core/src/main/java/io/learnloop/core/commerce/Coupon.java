package io.learnloop.core.commerce;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * A coupon: a percentage or a fixed amount off, valid in a window of time, limited overall and per learner,
 * possibly only for some offers, never taking the applicable price below a floor, and either exclusive or
 * stackable with other coupons.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param code             the code learners type
 * @param owner            who made it: an admin (platform coupon) or a creator (only for their own offers)
 * @param kind             percentage or fixed amount
 * @param percentOffBps    for {@link DiscountKind#PERCENT}: basis points off, 1 to 10000 (1500 = 15%); else 0
 * @param amountOff        for {@link DiscountKind#FIXED}: the amount off; else null
 * @param validFrom        the first instant it may be used
 * @param validUntil       the instant it stops being valid (exclusive)
 * @param maxRedemptions   how many orders may use it in total; 0 means no limit
 * @param maxPerLearner    how many orders of one learner may use it; 0 means no limit
 * @param applicableOffers the offers it applies to; empty means every offer
 * @param floorPrice       the applicable lines are never discounted below this total; null means no floor
 * @param stacking         whether it combines with other coupons
 * @param redemptions      how many placed orders hold it now (cancelled and expired orders give theirs back)
 * @param active           whether it can be used at all
 * @param createdAt        when it was created
 */
public record Coupon(CouponCode code, UserId owner, DiscountKind kind, int percentOffBps, Money amountOff,
                     Instant validFrom, Instant validUntil, long maxRedemptions, int maxPerLearner, List<OfferId> applicableOffers,
                     Money floorPrice, StackingRule stacking, long redemptions, boolean active, Instant createdAt) {
    /**
     * Copies the offer list.
     *
     * @param code             the code
     * @param owner            the owner
     * @param kind             the kind
     * @param percentOffBps    basis points off
     * @param amountOff        the amount off
     * @param validFrom        valid from
     * @param validUntil       valid until
     * @param maxRedemptions   total limit
     * @param maxPerLearner    per-learner limit
     * @param applicableOffers offers
     * @param floorPrice       floor
     * @param stacking         stacking rule
     * @param redemptions      redemptions held
     * @param active           whether usable
     * @param createdAt        when created
     */
    public Coupon {
        applicableOffers = applicableOffers == null ? List.of() : List.copyOf(applicableOffers);
    }

    /**
     * Whether the coupon applies to an offer.
     *
     * @param offer the offer
     * @return true if it applies to every offer or lists this one
     */
    public boolean appliesTo(OfferId offer) {
        return applicableOffers.isEmpty() || applicableOffers.contains(offer);
    }

    /**
     * Whether the coupon is inside its validity window.
     *
     * @param now the instant to check
     * @return true if {@code validFrom <= now < validUntil}
     */
    public boolean isValidAt(Instant now) {
        return !now.isBefore(validFrom) && now.isBefore(validUntil);
    }

    /**
     * The same coupon holding a different number of redemptions.
     *
     * @param count the new count
     * @return the changed coupon
     */
    public Coupon withRedemptions(long count) {
        return new Coupon(code, owner, kind, percentOffBps, amountOff, validFrom, validUntil, maxRedemptions,
                maxPerLearner, applicableOffers, floorPrice, stacking, count, active, createdAt);
    }

    /**
     * The same coupon switched on or off.
     *
     * @param usable whether it can be used
     * @return the changed coupon
     */
    public Coupon withActive(boolean usable) {
        return new Coupon(code, owner, kind, percentOffBps, amountOff, validFrom, validUntil, maxRedemptions,
                maxPerLearner, applicableOffers, floorPrice, stacking, redemptions, usable, createdAt);
    }
}
