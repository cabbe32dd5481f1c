package io.learnloop.core.internal.subscription;

import java.time.Instant;

/**
 * A failed renewal charge already counted, so a repeated report of it counts nothing more.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id           {@link #idOf} the subscription and the attempt
 * @param subscription the subscription's id
 * @param attempt      the provider's reference of the attempt
 * @param failedAt     when it was recorded
 */
public record SubscriptionAttempt(String id, String subscription, String attempt, Instant failedAt) {
    /**
     * The id of an attempt.
     *
     * @param subscription the subscription's id
     * @param attempt      the provider's reference
     * @return the id
     */
    static String idOf(String subscription, String attempt) {
        return subscription.length() + ":" + subscription + ":" + attempt;
    }
}
