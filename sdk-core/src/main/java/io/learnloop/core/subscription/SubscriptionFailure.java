package io.learnloop.core.subscription;

import io.learnloop.core.error.Validator;

import java.time.Instant;

/**
 * A renewal charge that failed at the provider.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider      the provider, 1 to 32 characters
 * @param externalId    the provider's id of the subscription or agreement
 * @param attempt       the provider's reference of the failed attempt (an invoice id with its attempt count, a
 *                      trade number), 1 to 128 characters; recording the same attempt again changes nothing
 * @param nextAttemptAt when the provider will try again by itself, or null to follow the subscription's
 *                      {@link DunningPolicy#retries()}
 * @param reason        the provider's reason, or null; at most 200 characters
 */
public record SubscriptionFailure(String provider, String externalId, String attempt, Instant nextAttemptAt,
                                  String reason) {
    /**
     * Validates.
     *
     * @param provider      the provider
     * @param externalId    the provider's id
     * @param attempt       the attempt's reference
     * @param nextAttemptAt the provider's next attempt, or null
     * @param reason        the reason, or null
     */
    public SubscriptionFailure {
        new Validator().notBlank("provider", provider, 32)
                .notBlank("externalId", externalId, Subscription.MAX_EXTERNAL_ID).notBlank("attempt", attempt, 128)
                .check(reason == null || reason.length() <= 200, "reason", "must be at most 200 characters")
                .throwIfInvalid();
    }
}
