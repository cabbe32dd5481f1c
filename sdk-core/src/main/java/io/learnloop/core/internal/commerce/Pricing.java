package io.learnloop.core.internal.commerce;

import io.learnloop.core.commerce.AppliedDiscount;
import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.CouponRejectedException;
import io.learnloop.core.commerce.CouponRejection;
import io.learnloop.core.commerce.DiscountKind;
import io.learnloop.core.commerce.LineOutcome;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.Quote;
import io.learnloop.core.commerce.StackingRule;
import io.learnloop.core.money.CurrencyMismatchException;
import io.learnloop.core.money.Money;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Prices an order: list prices, then each coupon in turn on the lines it applies to. A coupon's discount is
 * computed on the current net of its lines, capped so those lines never fall below its floor price, and allocated
 * to the lines by largest remainder in proportion to their current net, so every line's share is exact to the minor
 * unit and the shares sum to the discount.
 *
 * <p>Pure function; thread-safe.
 */
final class Pricing {
    private Pricing() {
    }

    /**
     * Prices offers with coupons that have passed their validity and limit checks.
     *
     * @param offers  the offers, in line order
     * @param coupons the coupons, in the order they apply
     * @return the quote
     */
    static Quote price(List<Offer> offers, List<Coupon> coupons) {
        Currency currency = offers.get(0).price().currency();
        for (int i = 1; i < offers.size(); i++) {
            Currency other = offers.get(i).price().currency();
            if (!other.equals(currency)) {
                throw new CurrencyMismatchException("offers[" + i + "]", currency, other);
            }
        }
        checkStacking(coupons);
        long[] net = new long[offers.size()];
        Money[] discount = new Money[offers.size()];
        for (int i = 0; i < net.length; i++) {
            net[i] = offers.get(i).price().minor();
            discount[i] = Money.zero(currency);
        }
        List<AppliedDiscount> applied = new ArrayList<>(coupons.size());
        for (int k = 0; k < coupons.size(); k++) {
            Coupon coupon = coupons.get(k);
            String field = "coupons[" + k + "]";
            checkCurrency(coupon, currency, field);
            List<Integer> eligible = new ArrayList<>();
            for (int i = 0; i < offers.size(); i++) {
                if (coupon.appliesTo(offers.get(i).id()) && net[i] > 0) {
                    eligible.add(i);
                }
            }
            if (eligible.isEmpty()) {
                throw new CouponRejectedException(field, coupon.code().value(), CouponRejection.NOT_APPLICABLE,
                        "applies to none of the offers in this order that still cost something");
            }
            long[] ratios = new long[eligible.size()];
            Money base = Money.zero(currency);
            for (int j = 0; j < ratios.length; j++) {
                ratios[j] = net[eligible.get(j)];
                base = base.plus(new Money(ratios[j], currency));
            }
            Money off = coupon.kind() == DiscountKind.PERCENT
                    ? base.times(coupon.percentOffBps(), 10_000, RoundingMode.HALF_UP)
                    : coupon.amountOff().min(base);
            if (coupon.floorPrice() != null) {
                Money room = base.minus(coupon.floorPrice()).max(Money.zero(currency));
                if (room.isZero()) {
                    throw new CouponRejectedException(field, coupon.code().value(), CouponRejection.BELOW_FLOOR,
                            "cannot lower these offers (" + base + ") below its floor price " + coupon.floorPrice());
                }
                off = off.min(room);
            }
            List<Money> parts = off.allocate(ratios);
            for (int j = 0; j < ratios.length; j++) {
                int i = eligible.get(j);
                net[i] -= parts.get(j).minor();
                discount[i] = discount[i].plus(parts.get(j));
            }
            applied.add(new AppliedDiscount(coupon.code(), off));
        }
        List<OrderLine> lines = new ArrayList<>(offers.size());
        Money subtotal = Money.zero(currency);
        Money total = Money.zero(currency);
        for (int i = 0; i < offers.size(); i++) {
            Offer o = offers.get(i);
            Money lineNet = new Money(net[i], currency);
            lines.add(new OrderLine(i + 1, o.id(), o.kind(), o.title(), o.courses(), o.membership(), o.price(),
                    discount[i], lineNet, Money.zero(currency),
                    o.outcome() == null ? null : LineOutcome.placed(o.outcome())));
            subtotal = subtotal.plus(o.price());
            total = total.plus(lineNet);
        }
        return new Quote(lines, applied, subtotal, subtotal.minus(total), total);
    }

    private static void checkStacking(List<Coupon> coupons) {
        if (coupons.size() < 2) {
            return;
        }
        for (int k = 0; k < coupons.size(); k++) {
            Coupon c = coupons.get(k);
            if (c.stacking() == StackingRule.EXCLUSIVE) {
                throw new CouponRejectedException("coupons[" + k + "]", c.code().value(), CouponRejection.NOT_STACKABLE,
                        "cannot be combined with other coupons; use it alone");
            }
        }
    }

    private static void checkCurrency(Coupon coupon, Currency currency, String field) {
        if (coupon.amountOff() != null && !coupon.amountOff().currency().equals(currency)) {
            throw new CurrencyMismatchException(field + ".amountOff", currency, coupon.amountOff().currency());
        }
        if (coupon.floorPrice() != null && !coupon.floorPrice().currency().equals(currency)) {
            throw new CurrencyMismatchException(field + ".floorPrice", currency, coupon.floorPrice().currency());
        }
    }
}
