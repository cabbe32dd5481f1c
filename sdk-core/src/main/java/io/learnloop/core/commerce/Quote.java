package io.learnloop.core.commerce;

import io.learnloop.core.money.Money;

import java.util.List;

/**
 * The price of a would-be order, computed exactly as placing it would, without holding coupons or storing
 * anything.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lines     the lines as they would be (nothing refunded)
 * @param discounts the coupons applied
 * @param subtotal  the sum of list prices
 * @param discount  the sum of discounts
 * @param total     what the learner would pay
 */
public record Quote(List<OrderLine> lines, List<AppliedDiscount> discounts, Money subtotal, Money discount,
                    Money total) {
    /**
     * Copies the lists.
     *
     * @param lines     the lines
     * @param discounts the discounts
     * @param subtotal  the subtotal
     * @param discount  the discount
     * @param total     the total
     */
    public Quote {
        lines = List.copyOf(lines);
        discounts = List.copyOf(discounts);
    }
}
