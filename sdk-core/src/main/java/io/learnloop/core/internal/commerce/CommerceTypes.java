package io.learnloop.core.internal.commerce;

import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregates of commerce as the store keeps them.
 *
 * <p>Thread-safe: constants only.
 */
public final class CommerceTypes {
    /** Index of the offers on sale by the courses they sell, in the order they were created. */
    public static final String ON_SALE_BY_COURSE = "courseOnSale";

    /** Offers by id, found by course while on sale. */
    public static final AggregateType<Offer> OFFER =
            AggregateType.builder("offer", Offer.class, o -> o.id().value())
                    .sortedMultiIndex(ON_SALE_BY_COURSE,
                            o -> o.active() ? o.courses().stream().map(c -> c.value()).toList() : java.util.List.of(),
                            o -> SortKeys.instant(o.createdAt()))
                    .build();

    /** Coupons by code. */
    public static final AggregateType<Coupon> COUPON =
            AggregateType.builder("coupon", Coupon.class, c -> c.code().value()).build();

    /** Index of orders by learner, in the order they were placed. */
    public static final String BY_LEARNER = "learner";
    /** Index of orders by status, in the order they last changed. */
    public static final String BY_STATUS = "status";

    /** Orders by id, found by learner and by status; unique per learner and client key. */
    public static final AggregateType<Order> ORDER =
            AggregateType.builder("order", Order.class, o -> o.id().value())
                    .sortedIndex(BY_LEARNER, o -> o.learner().value(), o -> SortKeys.instant(o.createdAt()))
                    .sortedIndex(BY_STATUS, o -> o.status().name(), o -> SortKeys.instant(o.updatedAt()))
                    .unique("clientKey", o -> clientKey(o.learner().value(), o.clientKey()))
                    .build();

    /** Coupon holds; one unique key per held per-learner slot. */
    public static final AggregateType<CouponRedemption> REDEMPTION =
            AggregateType.builder("coupon_redemption", CouponRedemption.class, CouponRedemption::id)
                    .index("learnerCoupon", CouponRedemption::learnerKey)
                    .index("order", r -> r.orderId().value())
                    .unique("slot", CouponRedemption::slotKey)
                    .build();

    private CommerceTypes() {
    }

    /**
     * The unique key of a learner's client key; the length prefix keeps any learner id and key unambiguous.
     *
     * @param learner   the learner's id
     * @param clientKey the client key
     * @return the key
     */
    public static String clientKey(String learner, String clientKey) {
        return learner.length() + ":" + learner + ":" + clientKey;
    }
}
