package io.learnloop.core.commerce;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.money.CurrencyMismatchException;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.List;

import static io.learnloop.core.commerce.CommerceFixture.cny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommerceValidationTest {
    private final CommerceFixture f = new CommerceFixture();
    private final Offer java = f.course("Java", cny("100.00"));

    private void assertInvalid(Executable call, String... fields) {
        long offers = f.count(CommerceTypes.OFFER);
        long coupons = f.count(CommerceTypes.COUPON);
        long orders = f.orders();
        int events = f.events.size();
        assertThatThrownBy(call::execute).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains(fields));
        assertThat(f.count(CommerceTypes.OFFER)).isEqualTo(offers);
        assertThat(f.count(CommerceTypes.COUPON)).isEqualTo(coupons);
        assertThat(f.orders()).isEqualTo(orders);
        assertThat(f.events).hasSize(events);
    }

    @Test
    void createOffer_whenFieldsInvalid_namesEveryBadField() {
        assertInvalid(() -> f.commerce.createOffer(f.creator, null), "draft");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.course(" ", cny("1.00"), CourseId.of("c"))),
                "title");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.course("x".repeat(201), cny("1.00"),
                CourseId.of("c"))), "title");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.course("T", cny("-0.01"), CourseId.of("c"))),
                "price");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.course(null, null, null)),
                "title", "price", "courses");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.bundle("B", cny("1.00"),
                List.of(CourseId.of("c")))), "courses");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.bundle("B", cny("1.00"),
                List.of(CourseId.of("c"), CourseId.of("c")))), "courses");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.membership("M", cny("1.00"), null)),
                "membership");
        assertInvalid(() -> new MembershipTerms(MembershipPeriod.MONTH, -1, List.of(), List.of()),
                "membership.trialDays", "membership.courses");
        assertInvalid(() -> f.commerce.createOffer(f.creator, OfferDraft.course("T", Money.ofMinor(1, "XYZ"),
                CourseId.of("c"))), "currency");
        assertInvalid(() -> CourseId.of("has space"), "courseId");
    }

    @Test
    void createCoupon_whenFieldsInvalid_namesEveryBadField() {
        assertInvalid(() -> f.coupon(f.percent("", 1000)), "code");
        assertInvalid(() -> f.coupon(f.percent("BAD CODE", 1000)), "code");
        assertInvalid(() -> f.coupon(f.percent("P", 0)), "percentOffBps");
        assertInvalid(() -> f.coupon(f.percent("P", 10_001)), "percentOffBps");
        assertInvalid(() -> f.coupon(f.fixed("F", cny("-1.00"))), "amountOff");
        assertInvalid(() -> f.coupon(f.fixed("F", cny("1.00")).withFloorPrice(Money.ofMinor(1, "USD"))), "floorPrice");
        assertInvalid(() -> f.coupon(f.percent("P", 1).withLimits(-1, -1)), "maxRedemptions", "maxPerLearner");
        assertInvalid(() -> f.coupon(CouponDraft.percent("P", 1, CommerceFixture.T0, CommerceFixture.T0)),
                "validUntil");
        assertInvalid(() -> f.coupon(CouponDraft.percent("P", 1, null, null)), "validFrom", "validUntil");
    }

    @Test
    void createCoupon_whenCodeTaken_throwsConflict() {
        f.coupon(f.percent("DUP", 1000));
        assertThatThrownBy(() -> f.coupon(f.percent("dup", 500)))
                .isInstanceOf(io.learnloop.core.error.ConflictException.class)
                .satisfies(e -> assertThat(((io.learnloop.core.error.ConflictException) e).code())
                        .isEqualTo(ErrorCode.DUPLICATE_KEY));
    }

    @Test
    void placeOrder_whenRequestInvalid_namesTheFieldAndStoresNothing() {
        assertInvalid(() -> f.commerce.placeOrder(null, PlaceOrder.of("k", java.id())), "learner");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, null), "request");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of(" ", java.id())), "clientKey");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k".repeat(129), java.id())), "clientKey");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k\u0000", java.id())), "clientKey");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, new PlaceOrder("k", null, null)), "offers");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, new PlaceOrder("k", List.of(), null)), "offers");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, new PlaceOrder("k", Arrays.asList(java.id(), null),
                null)), "offers[1]");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id(), java.id())), "offers[1]");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", OfferId.of("missing"))), "offers[0]");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()).withCoupons("A B")),
                "coupons[0]");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()).withCoupons("A", "a")),
                "coupons[1]");
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id())
                .withCoupons("A", "B", "C", "D", "E", "F")), "coupons");
        f.commerce.setOfferActive(f.creator, java.id(), false);
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id())), "offers[0]");
    }

    @Test
    void placeOrder_whenOffersInDifferentCurrencies_throwsCurrencyMismatchAndStoresNothing() {
        Offer usd = f.course("Go", Money.ofMinor(999, "USD"));
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id(), usd.id())), "offers[1]");
        assertThatThrownBy(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id(), usd.id())))
                .isInstanceOf(CurrencyMismatchException.class)
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        f.coupon(f.fixed("USD5", Money.ofMinor(500, "USD")));
        assertInvalid(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()).withCoupons("USD5")),
                "coupons[0].amountOff");
        assertThat(f.commerce.coupon("USD5").redemptions()).isZero();
    }

    @Test
    void refund_whenRequestInvalid_namesTheFieldAndChangesNothing() {
        Order o = f.orders.startPayment(f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id())).id());
        Order paid = f.orders.markPaid(o.id(), new PaymentReceipt("sandbox", "p", cny("100.00")));
        assertInvalid(() -> f.orders.refund(paid.id(), null), "request");
        assertInvalid(() -> f.orders.refund(paid.id(), new RefundRequest("", List.of(LineAmount.of(1, cny("1.00"))),
                null)), "refundKey");
        assertInvalid(() -> f.orders.refund(paid.id(), new RefundRequest("r", List.of(LineAmount.of(1, cny("1.00"))),
                "x".repeat(501))), "reason");
        assertInvalid(() -> f.orders.refund(paid.id(), new RefundRequest("r", List.of(), null)), "lines");
        assertInvalid(() -> f.orders.refund(paid.id(), new RefundRequest("r", List.of(LineAmount.of(1,
                cny("-1.00"))), null)), "lines[0].amount");
        assertInvalid(() -> f.orders.refund(paid.id(), new RefundRequest("r", List.of(LineAmount.of(2,
                cny("1.00"))), null)), "lines[0].line");
        assertInvalid(() -> f.orders.refund(paid.id(), new RefundRequest("r", List.of(LineAmount.of(1,
                Money.ofMinor(100, "USD"))), null)), "lines[0].amount");
        assertThat(f.orders.order(paid.id())).isEqualTo(paid);
    }

    @Test
    void placeOrder_whenClientKeyReusedForOtherOffers_throwsDuplicateKey() {
        Offer go = f.course("Go", cny("50.00"));
        Order first = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()));
        assertThat(f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id()))).isEqualTo(first);
        assertThatThrownBy(() -> f.commerce.placeOrder(f.learner, PlaceOrder.of("k", go.id())))
                .isInstanceOf(io.learnloop.core.error.ConflictException.class)
                .satisfies(e -> assertThat(((io.learnloop.core.error.ConflictException) e).code())
                        .isEqualTo(ErrorCode.DUPLICATE_KEY));
        assertThat(f.commerce.orderByClientKey(f.learner, "k")).isEqualTo(first);
        assertThat(f.commerce.ordersOf(f.learner, f.learner.id(), null, 10).items()).containsExactly(first);
    }

    @Test
    void createCoupon_whenCreatorTargetsOtherOffers_throwsAndStoresNothing() {
        Actor other = Actor.of("creator-2", Role.CREATOR);
        assertInvalid(() -> f.commerce.createCoupon(other, f.percent("ALL", 1000)), "applicableOffers");
        assertThatThrownBy(() -> f.commerce.createCoupon(other, f.percent("THEIRS", 1000)
                .withOffers(List.of(java.id())))).isInstanceOf(ForbiddenException.class);
        assertInvalid(() -> f.commerce.createCoupon(other, f.percent("NONE", 1000)
                .withOffers(List.of(OfferId.of("missing")))), "applicableOffers");
        assertThat(f.count(CommerceTypes.COUPON)).isZero();
        Coupon own = f.commerce.createCoupon(f.creator, f.percent("MINE", 1000).withOffers(List.of(java.id())));
        assertThat(own.owner()).isEqualTo(f.creator.id());
        assertThatThrownBy(() -> f.commerce.setCouponActive(other, "MINE", false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.commerce.setOfferActive(other, java.id(), false))
                .isInstanceOf(ForbiddenException.class);
        assertThat(f.commerce.offer(java.id()).active()).isTrue();
        assertThat(f.commerce.setCouponActive(f.creator, "MINE", false).active()).isFalse();
        assertThat(f.commerce.setOfferActive(f.admin, java.id(), false).active()).isFalse();
    }

    @Test
    void createOffer_whenActorLacksRole_throwsForbidden() {
        assertThatThrownBy(() -> f.commerce.createOffer(f.learner, OfferDraft.course("T", cny("1.00"),
                CourseId.of("c")))).isInstanceOf(io.learnloop.core.error.ForbiddenException.class);
        assertThatThrownBy(() -> f.commerce.placeOrder(io.learnloop.core.identity.Actor.of("x"),
                PlaceOrder.of("k", java.id()))).isInstanceOf(io.learnloop.core.error.ForbiddenException.class);
    }
}
