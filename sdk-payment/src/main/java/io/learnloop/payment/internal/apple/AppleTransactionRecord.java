package io.learnloop.payment.internal.apple;

import java.time.Instant;

/**
 * An App Store transaction that paid a Learnloop order, so its refund finds the order.
 *
 * @param id                    the {@code transactionId}
 * @param originalTransactionId the {@code originalTransactionId}
 * @param order                 the order it paid
 * @param learner               who bought
 * @param productId             the product
 * @param recordedAt            when it was recorded
 */
public record AppleTransactionRecord(String id, String originalTransactionId, String order, String learner,
                                     String productId, Instant recordedAt) {
}
