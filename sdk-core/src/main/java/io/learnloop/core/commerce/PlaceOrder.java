package io.learnloop.core.commerce;

import java.util.List;

/**
 * A request to place an order. Placing twice with the same learner and {@code clientKey} returns the first order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param clientKey the caller's idempotency key, 1 to {@value #MAX_KEY} visible characters
 * @param offers    the offers to buy, 1 to {@value #MAX_LINES}, each once
 * @param coupons   coupon codes to apply, at most {@value #MAX_COUPONS}, in the order they apply
 */
public record PlaceOrder(String clientKey, List<OfferId> offers, List<String> coupons) {
    /** The longest client key accepted. */
    public static final int MAX_KEY = 128;
    /** The most lines in one order. */
    public static final int MAX_LINES = 50;
    /** The most coupons on one order. */
    public static final int MAX_COUPONS = 5;

    /**
     * Copies the lists (nulls inside are reported by the service, which names the field).
     *
     * @param clientKey the key
     * @param offers    the offers
     * @param coupons   the coupon codes
     */
    public PlaceOrder {
        offers = offers == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(offers));
        coupons = coupons == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(coupons));
    }

    /**
     * A request without coupons.
     *
     * @param clientKey the key
     * @param offers    the offers
     * @return the request
     */
    public static PlaceOrder of(String clientKey, OfferId... offers) {
        return new PlaceOrder(clientKey, List.of(offers), List.of());
    }

    /**
     * The same request with coupons.
     *
     * @param codes the coupon codes
     * @return the changed request
     */
    public PlaceOrder withCoupons(String... codes) {
        return new PlaceOrder(clientKey, offers, java.util.Arrays.asList(codes));
    }
}
