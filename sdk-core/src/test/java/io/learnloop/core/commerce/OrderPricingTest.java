package io.learnloop.core.commerce;

import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.money.Money;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPricingTest {
    private static Money m(long minor, String ccy) {
        return Money.ofMinor(minor, ccy);
    }

    private static OfferId offer(CommerceFixture f, String title, Money price) {
        return f.course(title, price).id();
    }

    @Example
    void placeOrder_whenFixedCouponOverThreeLinesInCny_allocatesByLargestRemainder() {
        CommerceFixture f = new CommerceFixture();
        OfferId a = offer(f, "a", m(3333, "CNY"));
        OfferId b = offer(f, "b", m(3333, "CNY"));
        OfferId c = offer(f, "c", m(3334, "CNY"));
        f.coupon(f.fixed("TEN", m(1000, "CNY")));
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", a, b, c).withCoupons("TEN"));
        assertThat(o.lines()).extracting(OrderLine::discount)
                .containsExactly(m(333, "CNY"), m(333, "CNY"), m(334, "CNY"));
        assertThat(o.lines()).extracting(OrderLine::net)
                .containsExactly(m(3000, "CNY"), m(3000, "CNY"), m(3000, "CNY"));
        assertThat(o.subtotal()).isEqualTo(m(10000, "CNY"));
        assertThat(o.discount()).isEqualTo(m(1000, "CNY"));
        assertThat(o.total()).isEqualTo(m(9000, "CNY"));
        assertThat(o.total().toDecimalString()).isEqualTo("90.00");
    }

    @Example
    void placeOrder_whenPercentCouponInJpy_roundsToWholeYenAndAllocatesExactly() {
        CommerceFixture f = new CommerceFixture();
        OfferId a = offer(f, "a", m(1000, "JPY"));
        OfferId b = offer(f, "b", m(2000, "JPY"));
        OfferId c = offer(f, "c", m(3001, "JPY"));
        f.coupon(f.percent("P15", 1500));
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", a, b, c).withCoupons("P15"));
        // 15% of 6001 yen = 900.15, rounded half-up to 900; shares 149.975 / 299.95 / 450.075
        assertThat(o.discount()).isEqualTo(m(900, "JPY"));
        assertThat(o.lines()).extracting(OrderLine::discount)
                .containsExactly(m(150, "JPY"), m(300, "JPY"), m(450, "JPY"));
        assertThat(o.lines()).extracting(OrderLine::net)
                .containsExactly(m(850, "JPY"), m(1700, "JPY"), m(2551, "JPY"));
        assertThat(o.total()).isEqualTo(m(5101, "JPY"));
        assertThat(o.total().toDecimalString()).isEqualTo("5101");
    }

    @Example
    void placeOrder_whenStackedCouponsInUsd_allocatesEachOnTheRunningNet() {
        CommerceFixture f = new CommerceFixture();
        OfferId a = offer(f, "a", m(1999, "USD"));
        OfferId b = offer(f, "b", m(999, "USD"));
        f.coupon(f.percent("P10", 1000).withStacking(StackingRule.STACKABLE));
        f.coupon(f.fixed("F5", m(500, "USD")).withStacking(StackingRule.STACKABLE));
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", a, b).withCoupons("P10", "F5"));
        // 10% of 29.98 = 3.00 -> 2.00 / 1.00; then 5.00 on 17.99 / 8.99 -> 3.33 / 1.67
        assertThat(o.discounts()).extracting(AppliedDiscount::amount).containsExactly(m(300, "USD"), m(500, "USD"));
        assertThat(o.lines()).extracting(OrderLine::discount).containsExactly(m(533, "USD"), m(267, "USD"));
        assertThat(o.lines()).extracting(OrderLine::net).containsExactly(m(1466, "USD"), m(732, "USD"));
        assertThat(o.total()).isEqualTo(m(2198, "USD"));
    }

    @Example
    void quote_whenSameRequest_pricesLikePlacingWithoutStoring() {
        CommerceFixture f = new CommerceFixture();
        OfferId a = offer(f, "a", m(1999, "USD"));
        f.coupon(f.percent("P10", 1000));
        Quote q = f.commerce.quote(f.learner, PlaceOrder.of("k", a).withCoupons("P10"));
        assertThat(f.orders()).isZero();
        assertThat(f.commerce.coupon("P10").redemptions()).isZero();
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", a).withCoupons("P10"));
        assertThat(o.lines()).isEqualTo(q.lines());
        assertThat(o.total()).isEqualTo(q.total());
    }

    @Example
    void placeOrder_whenBundleAndMembership_snapshotsWhatTheyCover() {
        CommerceFixture f = new CommerceFixture();
        CourseId c1 = Catalogue.publishedId(f.learnloop, f.creator, "C1");
        CourseId c2 = Catalogue.publishedId(f.learnloop, f.creator, "C2");
        CourseId c3 = Catalogue.publishedId(f.learnloop, f.creator, "C3");
        Offer bundle = f.commerce.createOffer(f.creator, OfferDraft.bundle("Both", m(15000, "CNY"), List.of(c1, c2)));
        MembershipTerms terms = new MembershipTerms(MembershipPeriod.YEAR, 7, List.of(c3), List.of("programming"));
        Offer plan = f.commerce.createOffer(f.admin, OfferDraft.membership("Pro", m(39900, "CNY"), terms));
        Order o = f.commerce.placeOrder(f.learner, PlaceOrder.of("k", bundle.id(), plan.id()));
        assertThat(o.line(1).kind()).isEqualTo(OfferKind.BUNDLE);
        assertThat(o.line(1).courses()).containsExactly(c1, c2);
        assertThat(o.line(2).membership()).isEqualTo(terms);
        assertThat(o.line(2).membership().covers(CourseId.of("c9"), "programming")).isTrue();
        assertThat(o.line(2).membership().covers(CourseId.of("c9"), "cooking")).isFalse();
        assertThat(o.total()).isEqualTo(m(54900, "CNY"));
    }

    @Property(tries = 150)
    void placeOrder_whenAnyPricesAndCoupons_linesSumExactlyAndNeverGoNegative(
            @ForAll @Size(min = 1, max = 6) List<@LongRange(min = 0, max = 10_000_000) Long> prices,
            @ForAll @IntRange(min = 1, max = 10_000) int bps,
            @ForAll @LongRange(min = 1, max = 20_000_000) long fixedOff) {
        CommerceFixture f = new CommerceFixture();
        List<OfferId> ids = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            ids.add(offer(f, "o" + i, m(prices.get(i), "CNY")));
        }
        f.coupon(f.percent("P", bps).withStacking(StackingRule.STACKABLE));
        f.coupon(f.fixed("F", m(fixedOff, "CNY")).withStacking(StackingRule.STACKABLE));
        long subtotal = prices.stream().mapToLong(Long::longValue).sum();
        PlaceOrder request = new PlaceOrder("k", ids, subtotal > 0 ? List.of("P", "F") : List.of());
        Order o;
        try {
            o = f.commerce.placeOrder(f.learner, request);
        } catch (CouponRejectedException e) {
            // the percentage took everything, so the fixed coupon has nothing left to apply to
            assertThat(e.reason()).isEqualTo(CouponRejection.NOT_APPLICABLE);
            assertThat(f.commerce.quote(f.learner, new PlaceOrder("k", ids, List.of("P"))).total().isZero()).isTrue();
            assertThat(f.orders()).isZero();
            return;
        }
        Money zero = Money.zero(o.total().currency());
        assertThat(Money.sum(zero.currency(), o.lines().stream().map(OrderLine::net).toList())).isEqualTo(o.total());
        assertThat(Money.sum(zero.currency(), o.lines().stream().map(OrderLine::discount).toList()))
                .isEqualTo(o.discount());
        assertThat(Money.sum(zero.currency(), o.discounts().stream().map(AppliedDiscount::amount).toList()))
                .isEqualTo(o.discount());
        assertThat(o.subtotal().minus(o.discount())).isEqualTo(o.total());
        assertThat(o.subtotal().minor()).isEqualTo(subtotal);
        for (OrderLine line : o.lines()) {
            assertThat(line.net().isNegative()).isFalse();
            assertThat(line.listPrice().minus(line.discount())).isEqualTo(line.net());
        }
    }
}
