package io.learnloop.payment.internal.apple;

import java.time.Instant;

/**
 * The learner of one subscription, so that renewals and grace periods without an account token find them.
 *
 * @param id         the subscription's {@code originalTransactionId}
 * @param learner    the learner
 * @param productId  the product first bought
 * @param recordedAt when it was recorded
 */
public record AppleSubscriptionRecord(String id, String learner, String productId, Instant recordedAt) {
}
