package io.learnloop.payment.apple;

import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.Validator;

/**
 * What an App Store product sells in Learnloop, and what Apple keeps of its price. A consumable or non-consumable
 * product maps onto a course or bundle offer; an auto-renewable subscription onto a membership offer, whose periods
 * are then granted with the dates Apple sold (purchase date to expiry date).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param productId     the product identifier in App Store Connect, 1 to 255 characters
 * @param offer         the Learnloop offer it sells; its price and currency must be what Apple charges, or the
 *                      payment is held for review ({@code AMOUNT_MISMATCH})
 * @param commissionBps Apple's commission in basis points of the price, 0 to 10000 (3000 = 30%; 1500 = 15% in the
 *                      App Store Small Business Program or after a subscriber's first year)
 */
public record AppleProduct(String productId, OfferId offer, int commissionBps) {
    /** The standard App Store commission, 30%. */
    public static final int STANDARD_COMMISSION_BPS = 3000;
    /** The reduced commission of the Small Business Program and of subscriptions after their first year, 15%. */
    public static final int REDUCED_COMMISSION_BPS = 1500;

    /**
     * Validates.
     *
     * @param productId     the product id
     * @param offer         the offer
     * @param commissionBps the commission
     */
    public AppleProduct {
        new Validator().notBlank("productId", productId, 255).notNull("offer", offer)
                .check(commissionBps >= 0 && commissionBps <= 10_000, "commissionBps",
                        "must be 0 to 10000 (was " + commissionBps + ")")
                .throwIfInvalid();
    }
}
