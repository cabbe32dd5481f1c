package io.learnloop.payment.apple;

import io.learnloop.core.error.Validator;

import java.time.Instant;
import java.util.UUID;

/**
 * A verified App Store transaction ({@code JWSTransactionDecodedPayload}): the fields Learnloop reads.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param transactionId         {@code transactionId}, 1 to 64 characters
 * @param originalTransactionId {@code originalTransactionId}: the same for every renewal of one subscription
 * @param productId             {@code productId}
 * @param type                  {@code type}: {@code Auto-Renewable Subscription}, {@code Non-Consumable},
 *                              {@code Consumable} or {@code Non-Renewing Subscription}
 * @param purchaseDate          {@code purchaseDate}
 * @param expiresDate           {@code expiresDate} (subscriptions), or null
 * @param quantity              {@code quantity}
 * @param priceMilliunits       {@code price} in thousandths of the currency unit, or null when Apple sent none
 * @param currency              {@code currency} (ISO 4217), or null
 * @param appAccountToken       {@code appAccountToken}: the UUID the app passed with the purchase, or null
 * @param environment           {@code environment}
 * @param bundleId              {@code bundleId}
 * @param revocationDate        {@code revocationDate} when Apple refunded or revoked it, or null
 * @param revocationReason      {@code revocationReason} (0 other, 1 an issue in the app), or null
 * @param signedDate            {@code signedDate}
 */
public record AppleTransaction(String transactionId, String originalTransactionId, String productId, String type,
                               Instant purchaseDate, Instant expiresDate, int quantity, Long priceMilliunits,
                               String currency, UUID appAccountToken, AppleEnvironment environment, String bundleId,
                               Instant revocationDate, Integer revocationReason, Instant signedDate) {
    /** The {@code type} of an auto-renewable subscription. */
    public static final String AUTO_RENEWABLE = "Auto-Renewable Subscription";

    /**
     * Checks the fields every transaction has.
     *
     * @param transactionId         the id
     * @param originalTransactionId the original id
     * @param productId             the product
     * @param type                  the type
     * @param purchaseDate          the purchase date
     * @param expiresDate           the expiry
     * @param quantity              the quantity
     * @param priceMilliunits       the price
     * @param currency              the currency
     * @param appAccountToken       the account token
     * @param environment           the environment
     * @param bundleId              the bundle id
     * @param revocationDate        the revocation date
     * @param revocationReason      the revocation reason
     * @param signedDate            the signed date
     */
    public AppleTransaction {
        new Validator().notBlank("transactionId", transactionId, 64)
                .notBlank("originalTransactionId", originalTransactionId, 64)
                .notBlank("productId", productId, 255).notNull("purchaseDate", purchaseDate)
                .notNull("environment", environment).throwIfInvalid();
    }

    /**
     * Whether this is an auto-renewable subscription.
     *
     * @return true for {@link #AUTO_RENEWABLE}
     */
    public boolean autoRenewable() {
        return AUTO_RENEWABLE.equals(type);
    }
}
