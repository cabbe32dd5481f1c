package io.learnloop.payment.internal.apple;

import java.time.Instant;

/**
 * The fields of a verified {@code JWSRenewalInfoDecodedPayload} that the channel reads.
 *
 * @param originalTransactionId  {@code originalTransactionId}
 * @param productId              {@code productId}
 * @param gracePeriodExpiresDate {@code gracePeriodExpiresDate}, or null
 * @param expirationIntent       {@code expirationIntent}, or null
 * @param autoRenewStatus        {@code autoRenewStatus} (1 on, 0 off), or null
 * @param signedDate             {@code signedDate}, or null
 */
public record AppleRenewal(String originalTransactionId, String productId, Instant gracePeriodExpiresDate,
                           Integer expirationIntent, Integer autoRenewStatus, Instant signedDate) {
}
