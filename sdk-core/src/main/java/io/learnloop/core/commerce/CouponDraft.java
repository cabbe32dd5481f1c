package io.learnloop.core.commerce;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What is filled in to create a {@link Coupon}. Start with {@link #percent} or {@link #fixed}, then narrow it with
 * the {@code with...} methods; every step validates all fields at once.
 *
 * <pre>{@code
 * CouponDraft draft = CouponDraft.percent("SPRING15", 1500, from, until)
 *     .withLimits(1000, 1)
 *     .withFloorPrice(Money.parse("9.90", "CNY"))
 *     .withStacking(StackingRule.STACKABLE);
 * }</pre>
 *
 * <p>Thread-safe: immutable record.
 *
 * @param code             the code
 * @param kind             percentage or fixed
 * @param percentOffBps    basis points off (1 to 10000) for a percentage coupon, else 0
 * @param amountOff        the amount off (positive) for a fixed coupon, else null
 * @param validFrom        first valid instant
 * @param validUntil       end of validity (exclusive), after {@code validFrom}
 * @param maxRedemptions   total limit, 0 for none
 * @param maxPerLearner    per-learner limit, 0 for none
 * @param applicableOffers offers it applies to (at most {@value #MAX_OFFERS}); empty for every offer
 * @param floorPrice       the lowest the applicable lines may be discounted to, or null
 * @param stacking         whether it combines with other coupons
 */
public record CouponDraft(String code, DiscountKind kind, int percentOffBps, Money amountOff, Instant validFrom,
                          Instant validUntil, long maxRedemptions, int maxPerLearner, List<OfferId> applicableOffers,
                          Money floorPrice, StackingRule stacking) {
    /** The most offers one coupon may list. */
    public static final int MAX_OFFERS = 1000;

    /**
     * Validates every field at once and copies.
     *
     * @param code             the code
     * @param kind             the kind
     * @param percentOffBps    basis points off
     * @param amountOff        amount off
     * @param validFrom        valid from
     * @param validUntil       valid until
     * @param maxRedemptions   total limit
     * @param maxPerLearner    per-learner limit
     * @param applicableOffers offers
     * @param floorPrice       floor price
     * @param stacking         stacking rule
     */
    public CouponDraft {
        applicableOffers = applicableOffers == null ? List.of() : applicableOffers;
        Validator v = new Validator()
                .notBlank("code", code, CouponCode.MAX_LENGTH)
                .check(code == null || code.matches("[A-Za-z0-9_-]*"), "code", "must be letters, digits, '-' or '_'")
                .notNull("kind", kind)
                .notNull("validFrom", validFrom)
                .notNull("validUntil", validUntil)
                .check(validFrom == null || validUntil == null || validUntil.isAfter(validFrom), "validUntil",
                        "must be after validFrom")
                .notNegative("maxRedemptions", maxRedemptions)
                .notNegative("maxPerLearner", maxPerLearner)
                .check(applicableOffers.size() <= MAX_OFFERS, "applicableOffers", "must list at most " + MAX_OFFERS)
                .check(applicableOffers.stream().noneMatch(Objects::isNull), "applicableOffers", "must not contain null")
                .check(new HashSet<>(applicableOffers).size() == applicableOffers.size(), "applicableOffers",
                        "must not repeat an offer")
                .check(floorPrice == null || !floorPrice.isNegative(), "floorPrice", "must not be negative")
                .notNull("stacking", stacking);
        if (kind == DiscountKind.PERCENT) {
            v.check(percentOffBps >= 1 && percentOffBps <= 10_000, "percentOffBps",
                    "must be 1 to 10000 basis points (was " + percentOffBps + ")")
                    .check(amountOff == null, "amountOff", "only a fixed coupon has an amount off");
        } else if (kind == DiscountKind.FIXED) {
            v.notNull("amountOff", amountOff)
                    .check(amountOff == null || amountOff.isPositive(), "amountOff", "must be positive")
                    .check(percentOffBps == 0, "percentOffBps", "only a percentage coupon has basis points");
            if (amountOff != null && floorPrice != null && !amountOff.currency().equals(floorPrice.currency())) {
                v.check(false, "floorPrice", "must be in " + amountOff.currency() + ", the currency of amountOff");
            }
        }
        v.throwIfInvalid();
        applicableOffers = List.copyOf(applicableOffers);
    }

    /**
     * A percentage coupon usable by everyone, on every offer, without limits, exclusive.
     *
     * @param code       the code
     * @param bps        basis points off (1500 = 15%)
     * @param validFrom  first valid instant
     * @param validUntil end of validity
     * @return the draft
     */
    public static CouponDraft percent(String code, int bps, Instant validFrom, Instant validUntil) {
        return new CouponDraft(code, DiscountKind.PERCENT, bps, null, validFrom, validUntil, 0, 0, List.of(), null,
                StackingRule.EXCLUSIVE);
    }

    /**
     * A fixed-amount coupon usable by everyone, on every offer, without limits, exclusive.
     *
     * @param code       the code
     * @param amountOff  the amount off
     * @param validFrom  first valid instant
     * @param validUntil end of validity
     * @return the draft
     */
    public static CouponDraft fixed(String code, Money amountOff, Instant validFrom, Instant validUntil) {
        return new CouponDraft(code, DiscountKind.FIXED, 0, amountOff, validFrom, validUntil, 0, 0, List.of(), null,
                StackingRule.EXCLUSIVE);
    }

    /**
     * The same draft with redemption limits.
     *
     * @param total      total limit, 0 for none
     * @param perLearner per-learner limit, 0 for none
     * @return the changed draft
     */
    public CouponDraft withLimits(long total, int perLearner) {
        return new CouponDraft(code, kind, percentOffBps, amountOff, validFrom, validUntil, total, perLearner,
                applicableOffers, floorPrice, stacking);
    }

    /**
     * The same draft limited to some offers.
     *
     * @param offers the offers it applies to
     * @return the changed draft
     */
    public CouponDraft withOffers(List<OfferId> offers) {
        return new CouponDraft(code, kind, percentOffBps, amountOff, validFrom, validUntil, maxRedemptions,
                maxPerLearner, offers, floorPrice, stacking);
    }

    /**
     * The same draft with a floor price.
     *
     * @param floor the lowest the applicable lines may be discounted to
     * @return the changed draft
     */
    public CouponDraft withFloorPrice(Money floor) {
        return new CouponDraft(code, kind, percentOffBps, amountOff, validFrom, validUntil, maxRedemptions,
                maxPerLearner, applicableOffers, floor, stacking);
    }

    /**
     * The same draft with another stacking rule.
     *
     * @param rule the rule
     * @return the changed draft
     */
    public CouponDraft withStacking(StackingRule rule) {
        return new CouponDraft(code, kind, percentOffBps, amountOff, validFrom, validUntil, maxRedemptions,
                maxPerLearner, applicableOffers, floorPrice, rule);
    }
}
