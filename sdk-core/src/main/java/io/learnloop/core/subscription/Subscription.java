package io.learnloop.core.subscription;

import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * An auto-renewing membership: a learner's subscription to a membership plan, billed by a payment provider. Each
 * paid period is an order of the plan, settled through the core settlement and stacked onto the learner's membership
 * timeline of the plan; the subscription only says where the billing stands.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id                the id
 * @param learner           the subscriber
 * @param plan              the membership plan's offer
 * @param provider          the provider that bills it (for example {@code stripe}), 1 to 32 characters
 * @param externalId        the provider's id of the subscription (or agreement), 1 to 128 characters; unique per
 *                          provider
 * @param status            where it stands
 * @param price             what one period costs: the plan's price when it was opened; every payment must match it
 * @param periodStart       the start of the current period (the trial, or the last paid period), or null before any
 * @param periodEnd         its end (exclusive), or null before any
 * @param nextChargeAt      when the provider should charge next (for an incomplete one, its first charge: when it
 *                          was opened), or null when no charge is due (cancelled at period end, retries used up, or
 *                          ended)
 * @param graceEndsAt       when access ends if the unpaid renewal stays unpaid, while {@link SubscriptionStatus#PAST_DUE};
 *                          else null
 * @param cancelAtPeriodEnd whether it ends when the current period ends instead of renewing
 * @param failedAttempts    how many charges of the current renewal failed
 * @param dunning           the grace period and retries
 * @param paidPeriods       how many periods were paid
 * @param lastPayment       the provider's reference of the last payment settled (an invoice, a trade), or null
 * @param unpaidGrant       the access grant of the trial or grace period now given without payment, or null; it
 *                          is revoked if the subscription is cancelled while it runs
 * @param createdAt         when it was opened
 * @param changedAt         when it last changed
 * @param endedAt           when it became {@link SubscriptionStatus#CANCELED} or {@link SubscriptionStatus#EXPIRED},
 *                          else null
 */
public record Subscription(SubscriptionId id, UserId learner, OfferId plan, String provider, String externalId,
                           SubscriptionStatus status, Money price, Instant periodStart, Instant periodEnd,
                           Instant nextChargeAt, Instant graceEndsAt, boolean cancelAtPeriodEnd, int failedAttempts,
                           DunningPolicy dunning, int paidPeriods, String lastPayment, String unpaidGrant,
                           Instant createdAt,
                           Instant changedAt, Instant endedAt) {
    /** The longest provider and external id accepted. */
    public static final int MAX_EXTERNAL_ID = 128;

    /**
     * Validates.
     *
     * @param id                the id
     * @param learner           the learner
     * @param plan              the plan
     * @param provider          the provider
     * @param externalId        the provider's id
     * @param status            the status
     * @param price             the price of a period
     * @param periodStart       the current period's start, or null
     * @param periodEnd         its end, or null
     * @param nextChargeAt      the next charge, or null
     * @param graceEndsAt       the end of the grace period, or null
     * @param cancelAtPeriodEnd whether it ends at period end
     * @param failedAttempts    failed charges of the current renewal
     * @param dunning           the dunning policy
     * @param paidPeriods       periods paid
     * @param lastPayment       the last payment's reference, or null
     * @param unpaidGrant       the unpaid trial or grace grant, or null
     * @param createdAt         when opened
     * @param changedAt         when changed
     * @param endedAt           when ended, or null
     */
    public Subscription {
        new Validator().notNull("id", id).notNull("learner", learner).notNull("plan", plan)
                .notBlank("provider", provider, 32).notBlank("externalId", externalId, MAX_EXTERNAL_ID)
                .notNull("status", status).notNull("price", price).notNull("dunning", dunning)
                .notNull("createdAt", createdAt).notNull("changedAt", changedAt)
                .check((periodStart == null) == (periodEnd == null), "periodEnd",
                        "must be given exactly when periodStart is")
                .check(status != SubscriptionStatus.PAST_DUE || graceEndsAt != null, "graceEndsAt",
                        "is required while PAST_DUE")
                .check(failedAttempts >= 0 && paidPeriods >= 0, "failedAttempts", "must not be negative")
                .throwIfInvalid();
    }

    /**
     * The instant the scheduled work must look at it again: the end of the current period while
     * {@link SubscriptionStatus#TRIALING} or {@link SubscriptionStatus#ACTIVE} (it then expires, or falls past due
     * unless paid), the end of the grace period while {@link SubscriptionStatus#PAST_DUE} (it then expires); else
     * null.
     *
     * @return the deadline, or null
     */
    public Instant deadline() {
        return switch (status) {
            case TRIALING, ACTIVE -> periodEnd;
            case PAST_DUE -> graceEndsAt;
            default -> null;
        };
    }

}
