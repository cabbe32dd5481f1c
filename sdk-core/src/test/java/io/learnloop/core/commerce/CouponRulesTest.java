package io.learnloop.core.commerce;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.internal.commerce.CommerceTypes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.learnloop.core.commerce.CommerceFixture.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CouponRulesTest {
    private final CommerceFixture f = new CommerceFixture();
    private final Offer course = f.course("Java", cny("100.00"));
    private final Offer other = f.course("Go", cny("50.00"));

    private void assertRejected(PlaceOrder request, Actor who, CouponRejection reason, String field) {
        long orders = f.orders();
        assertThatThrownBy(() -> f.commerce.placeOrder(who, request))
                .isInstanceOf(CouponRejectedException.class)
                .satisfies(e -> {
                    CouponRejectedException c = (CouponRejectedException) e;
                    assertThat(c.reason()).isEqualTo(reason);
                    assertThat(c.fields()).containsExactly(field);
                });
        assertThat(f.orders()).as("nothing stored").isEqualTo(orders);
    }

    @Test
    void placeOrder_whenCouponExpired_rejectsWithExpired() {
        f.coupon(f.percent("OLD", 1000));
        f.clock.advance(Duration.ofDays(30));
        assertRejected(PlaceOrder.of("k1", course.id()).withCoupons("OLD"), f.learner, CouponRejection.EXPIRED,
                "coupons[0]");
        f.clock.set(CommerceFixture.T0.minus(Duration.ofDays(2)));
        assertRejected(PlaceOrder.of("k2", course.id()).withCoupons("old"), f.learner, CouponRejection.NOT_YET_VALID,
                "coupons[0]");
    }

    @Test
    void placeOrder_whenCouponExhausted_rejectsWithExhausted() {
        f.coupon(f.percent("TWO", 1000).withLimits(2, 0));
        f.commerce.placeOrder(Actor.learner("a"), PlaceOrder.of("k", course.id()).withCoupons("TWO"));
        f.commerce.placeOrder(Actor.learner("b"), PlaceOrder.of("k", course.id()).withCoupons("TWO"));
        assertThat(f.commerce.coupon("two").redemptions()).isEqualTo(2);
        assertRejected(PlaceOrder.of("k", course.id()).withCoupons("TWO"), Actor.learner("c"),
                CouponRejection.EXHAUSTED, "coupons[0]");
    }

    @Test
    void placeOrder_whenLearnerUsedCouponUpToLimit_rejectsWithLearnerLimit() {
        f.coupon(f.percent("ONCE", 1000).withLimits(0, 1));
        f.commerce.placeOrder(f.learner, PlaceOrder.of("k1", course.id()).withCoupons("ONCE"));
        assertRejected(PlaceOrder.of("k2", other.id()).withCoupons("ONCE"), f.learner, CouponRejection.LEARNER_LIMIT,
                "coupons[0]");
        // another learner may still use it
        assertThat(f.commerce.placeOrder(Actor.learner("other"), PlaceOrder.of("k2", other.id()).withCoupons("ONCE"))
                .discount()).isEqualTo(cny("5.00"));
    }

    @Test
    void cancel_whenOrderHeldCoupon_givesRedemptionAndSlotBack() {
        f.coupon(f.percent("ONCE", 1000).withLimits(1, 1));
        Order first = f.commerce.placeOrder(f.learner, PlaceOrder.of("k1", course.id()).withCoupons("ONCE"));
        f.commerce.cancel(f.learner, first.id());
        assertThat(f.commerce.coupon("ONCE").redemptions()).isZero();
        Order second = f.commerce.placeOrder(f.learner, PlaceOrder.of("k2", course.id()).withCoupons("ONCE"));
        assertThat(second.total()).isEqualTo(cny("90.00"));
        assertThat(f.commerce.coupon("ONCE").redemptions()).isEqualTo(1);
    }

    @Test
    void placeOrder_whenFloorPriceReached_capsDiscountAtFloor() {
        f.coupon(f.fixed("BIG", cny("80.00")).withFloorPrice(cny("30.00")));
        Order order = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", course.id()).withCoupons("BIG"));
        assertThat(order.total()).isEqualTo(cny("30.00"));
        assertThat(order.discount()).isEqualTo(cny("70.00"));
        assertThat(order.discounts()).containsExactly(new AppliedDiscount(CouponCode.of("BIG"), cny("70.00")));
    }

    @Test
    void placeOrder_whenPriceAlreadyAtFloor_rejectsWithBelowFloor() {
        f.coupon(f.percent("HALF", 5000).withFloorPrice(cny("50.00")));
        assertRejected(PlaceOrder.of("k", other.id()).withCoupons("HALF"), f.learner, CouponRejection.BELOW_FLOOR,
                "coupons[0]");
    }

    @Test
    void placeOrder_whenCouponForOtherOffers_rejectsWithNotApplicable() {
        f.coupon(f.percent("GOONLY", 1000).withOffers(List.of(other.id())));
        assertRejected(PlaceOrder.of("k", course.id()).withCoupons("GOONLY"), f.learner,
                CouponRejection.NOT_APPLICABLE, "coupons[0]");
        // on a mixed order it discounts only the offer it lists
        Order mixed = f.commerce.placeOrder(f.learner, PlaceOrder.of("k2", course.id(), other.id())
                .withCoupons("GOONLY"));
        assertThat(mixed.line(1).discount()).isEqualTo(cny("0.00"));
        assertThat(mixed.line(2).discount()).isEqualTo(cny("5.00"));
    }

    @Test
    void placeOrder_whenExclusiveCouponCombined_rejectsWithNotStackable() {
        f.coupon(f.percent("SOLO", 1000));
        f.coupon(f.percent("STACK1", 1000).withStacking(StackingRule.STACKABLE));
        f.coupon(f.fixed("STACK2", cny("5.00")).withStacking(StackingRule.STACKABLE));
        assertRejected(PlaceOrder.of("k", course.id()).withCoupons("STACK1", "SOLO"), f.learner,
                CouponRejection.NOT_STACKABLE, "coupons[1]");
        Order stacked = f.commerce.placeOrder(f.learner, PlaceOrder.of("k2", course.id())
                .withCoupons("STACK1", "STACK2"));
        // 10% of 100.00, then 5.00 off the remaining 90.00
        assertThat(stacked.total()).isEqualTo(cny("85.00"));
        assertThat(stacked.discounts()).extracting(AppliedDiscount::amount)
                .containsExactly(cny("10.00"), cny("5.00"));
    }

    @Test
    void placeOrder_whenCouponUnknownOrSwitchedOff_rejects() {
        assertRejected(PlaceOrder.of("k", course.id()).withCoupons("NOPE"), f.learner, CouponRejection.UNKNOWN,
                "coupons[0]");
        f.coupon(f.percent("OFF", 1000));
        f.commerce.setCouponActive(f.admin, "OFF", false);
        assertRejected(PlaceOrder.of("k", course.id()).withCoupons("OFF"), f.learner, CouponRejection.INACTIVE,
                "coupons[0]");
        assertThat(f.count(CommerceTypes.REDEMPTION)).isZero();
    }

    @Test
    void placeOrder_whenCouponUsed_publishesRedeemedEvent() {
        f.coupon(f.percent("TEN", 1000));
        f.commerce.placeOrder(f.learner, PlaceOrder.of("k", course.id()).withCoupons("TEN"));
        assertThat(f.eventTypes()).contains("coupon.redeemed", "order.placed");
    }
}
