package io.learnloop.core.subscription;

import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * A request to record a subscription a channel opened with its provider.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner    the subscriber
 * @param plan       the membership plan's offer
 * @param provider   the provider, 1 to 32 characters
 * @param externalId the provider's id of the subscription or agreement, 1 to {@value Subscription#MAX_EXTERNAL_ID}
 *                   characters
 * @param dunning    the grace period and retries
 */
public record OpenSubscription(UserId learner, OfferId plan, String provider, String externalId,
                               DunningPolicy dunning) {
    /**
     * Validates.
     *
     * @param learner    the learner
     * @param plan       the plan
     * @param provider   the provider
     * @param externalId the provider's id
     * @param dunning    the dunning policy
     */
    public OpenSubscription {
        new Validator().notNull("learner", learner).notNull("plan", plan).notBlank("provider", provider, 32)
                .notBlank("externalId", externalId, Subscription.MAX_EXTERNAL_ID).notNull("dunning", dunning)
                .throwIfInvalid();
    }
}
