package io.learnloop.core.internal.commerce;

import io.learnloop.core.commerce.Coupon;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.store.AggregateType;

/**
 * The aggregates of commerce as the store keeps them.
 *
 * <p>Thread-safe: constants only.
 */
public final class CommerceTypes {
    /** Offers by id. */
    public static final AggregateType<Offer> OFFER =
            AggregateType.builder("offer", Offer.class, o -> o.id().value()).build();

    /** Coupons by code. */
    public static final AggregateType<Coupon> COUPON =
            AggregateType.builder("coupon", Coupon.class, c -> c.code().value()).build();

    /** Orders by id, found by learner and by status; unique per learner and client key. */
    public static final AggregateType<Order> ORDER =
            AggregateType.builder("order", Order.class, o -> o.id().value())
                    .index("learner", o -> o.learner().value())
                    .index("status", o -> o.status().name())
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
