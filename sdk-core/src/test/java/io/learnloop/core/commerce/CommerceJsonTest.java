package io.learnloop.core.commerce;

import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.internal.commerce.CouponRedemption;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.learnloop.core.commerce.CommerceFixture.cny;
import static org.assertj.core.api.Assertions.assertThat;

class CommerceJsonTest {
    @Test
    void order_whenWrittenAndRead_roundTripsThroughTheWireFormat() {
        CommerceFixture f = new CommerceFixture();
        Offer java = f.course("Java", cny("100.00"));
        CourseId c1 = Catalogue.publishedId(f.learnloop, f.creator, "C1");
        Offer plan = f.commerce.createOffer(f.admin, OfferDraft.membership("Pro", cny("99.00"),
                new MembershipTerms(MembershipPeriod.MONTH, 7, List.of(c1), List.of("dev"))));
        f.coupon(f.percent("TEN", 1000).withLimits(10, 1).withFloorPrice(cny("1.00")));
        Order o = f.orders.startPayment(f.commerce.placeOrder(f.learner, PlaceOrder.of("k", java.id(), plan.id())
                .withCoupons("TEN")).id());
        o = f.orders.markPaid(o.id(), new PaymentReceipt("sandbox", "p1", o.total()));
        o = f.orders.refund(o.id(), new RefundRequest("r1", List.of(LineAmount.of(1, cny("1.00"))), "test"));

        String json = LearnloopJson.toJson(o);
        assertThat(LearnloopJson.fromJson(json, Order.class)).isEqualTo(o);
        assertThat(json).contains("\"id\":\"id-").contains("\"total\":{\"minor\":17910,\"currency\":\"CNY\"}")
                .contains("\"status\":\"PARTIALLY_REFUNDED\"").contains("\"createdAt\":\"2026-03-01T08:00:00Z\"")
                .doesNotContain("\"zero\"").doesNotContain("fullyRefunded");
        Coupon c = f.commerce.coupon("TEN");
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(c), Coupon.class)).isEqualTo(c);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(plan), Offer.class)).isEqualTo(plan);
        for (var stored : f.learnloop.context().read(uow -> uow.list(CommerceTypes.REDEMPTION, 0, 10))) {
            assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(stored.value()), CouponRedemption.class))
                    .isEqualTo(stored.value());
        }
        assertThat(f.count(CommerceTypes.REDEMPTION)).isEqualTo(1);
        assertThat(LearnloopJson.fromJson("\"ten\"", CouponCode.class))
                .isEqualTo(CouponCode.of("TEN"));
    }
}
