package io.learnloop.payment.internal.apple;

import java.time.Instant;

/**
 * The learner of one App Store subscription, so that renewals and failures without an account token find them, and
 * the core subscription that keeps it now.
 *
 * @param id         the subscription's {@code originalTransactionId}
 * @param learner    the learner
 * @param productId  the product its current core subscription is for: the one first bought, or after a plan change
 *                   (upgrade, crossgrade, downgrade), the product changed to
 * @param current    the external id of the core subscription that its payments renew now: the
 *                   {@code originalTransactionId}, or after that one ended, the one opened by the payment after it;
 *                   null in records written before it was kept, meaning the {@code originalTransactionId}
 * @param recordedAt when it was recorded
 */
public record AppleSubscriptionRecord(String id, String learner, String productId, String current,
                                      Instant recordedAt) {
    /**
     * The core subscription it renews now.
     *
     * @return {@link #current}, or the id when none was kept
     */
    @Override
    public String current() {
        return current == null ? id : current;
    }

    AppleSubscriptionRecord withCurrent(String external, String product) {
        return new AppleSubscriptionRecord(id, learner, product, external, recordedAt);
    }
}
