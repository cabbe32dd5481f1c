package io.learnloop.core.subscription;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

import java.time.Duration;
import java.util.List;

/**
 * What happens when a renewal is not paid: how long access is kept (the grace period, counted from the end of the
 * last paid period) and when the charge is tried again (each retry counted from the failure before it). A channel
 * whose provider retries on its own schedule (Stripe Billing) passes the provider's next attempt instead; a channel
 * that charges by itself (Alipay agreement deduction) retries at {@link Subscription#nextChargeAt()}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param grace   how long access is kept after the paid period ends unpaid, zero to {@value #MAX_GRACE_DAYS} days
 * @param retries the pauses before each retry of a failed charge, at most {@value #MAX_RETRIES}, each positive
 */
public record DunningPolicy(Duration grace, List<Duration> retries) {
    /** The longest grace period accepted, in days. */
    public static final int MAX_GRACE_DAYS = 60;
    /** The most retries accepted. */
    public static final int MAX_RETRIES = 10;

    /**
     * Validates and copies.
     *
     * @param grace   the grace period
     * @param retries the pauses before the retries
     */
    public DunningPolicy {
        Validator v = new Validator().notNull("dunning.grace", grace).notNull("dunning.retries", retries);
        v.throwIfInvalid();
        v.check(!grace.isNegative() && grace.compareTo(Duration.ofDays(MAX_GRACE_DAYS)) <= 0, "dunning.grace",
                        "must be 0 to " + MAX_GRACE_DAYS + " days (was " + grace + ")")
                .check(retries.size() <= MAX_RETRIES, "dunning.retries", "must list at most " + MAX_RETRIES)
                .check(retries.stream().allMatch(r -> r != null && !r.isNegative() && !r.isZero()), "dunning.retries",
                        "must all be positive durations");
        v.throwIfInvalid();
        retries = List.copyOf(retries);
    }

    /**
     * Seven days of grace, with retries one, three and five days after each failure (about where Stripe's and app
     * stores' defaults are).
     *
     * @return the default policy
     */
    public static DunningPolicy defaults() {
        return new DunningPolicy(Duration.ofDays(7), List.of(Duration.ofDays(1), Duration.ofDays(3),
                Duration.ofDays(5)));
    }

    /**
     * No grace and no retries: access ends where the paid period ends.
     *
     * @return the strict policy
     */
    public static DunningPolicy none() {
        return new DunningPolicy(Duration.ZERO, List.of());
    }

    /**
     * The pause before the retry that follows the {@code failures}-th failure, or null when the retries are used up.
     *
     * @param failures how many charges of the period failed so far, from 1
     * @return the pause, or null
     */
    public Duration retryAfter(int failures) {
        if (failures < 1) {
            throw ValidationException.of("failures", "must be at least 1 (was " + failures + ")");
        }
        return failures <= retries.size() ? retries.get(failures - 1) : null;
    }

}
