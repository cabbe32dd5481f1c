package io.learnloop.core.internal.subscription;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.subscription.Subscription;

/**
 * Subscriptions as the store keeps them.
 *
 * <p>Thread-safe: constants only.
 */
public final class SubscriptionTypes {
    /** Unique key: the provider's id of the subscription, per provider. */
    static final String EXTERNAL = "external";
    /** Index of live subscriptions by provider, by their next charge. */
    static final String BY_NEXT_CHARGE = "nextCharge";
    /** Index of subscriptions with a deadline, by the deadline. */
    static final String BY_DEADLINE = "deadline";
    /** Sorted index of a learner's subscriptions, by when each was opened. */
    public static final String BY_LEARNER = "learner";
    /** The one key of {@link #BY_DEADLINE}. */
    static final String DUE = "due";

    /** Subscriptions by id. */
    public static final AggregateType<Subscription> SUBSCRIPTION =
            AggregateType.builder("subscription", Subscription.class, s -> s.id().value())
                    .unique(EXTERNAL, s -> externalKey(s.provider(), s.externalId()))
                    .sortedIndex(BY_NEXT_CHARGE, s -> s.status().live() && s.nextChargeAt() != null ? s.provider()
                            : null, s -> s.nextChargeAt() == null ? "" : SortKeys.instant(s.nextChargeAt()))
                    .sortedIndex(BY_LEARNER, s -> s.learner().value(), s -> SortKeys.instant(s.createdAt()))
                    .sortedIndex(BY_DEADLINE, s -> s.deadline() == null ? null : DUE,
                            s -> s.deadline() == null ? "" : SortKeys.instant(s.deadline()))
                    .build();

    /** Failed charges already counted, by subscription and the provider's attempt reference. */
    public static final AggregateType<SubscriptionAttempt> ATTEMPT =
            AggregateType.builder("subscription_attempt", SubscriptionAttempt.class, SubscriptionAttempt::id).build();

    private SubscriptionTypes() {
    }

    /**
     * The unique key of a provider's id: the provider's length first, so no provider and id pair can spell another.
     *
     * @param provider   the provider
     * @param externalId the provider's id
     * @return the key
     */
    static String externalKey(String provider, String externalId) {
        return provider.length() + ":" + provider + ":" + externalId;
    }
}
