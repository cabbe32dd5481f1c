package io.learnloop.core.review;

import io.learnloop.core.error.Validator;

/**
 * The trust rules of reviews and the rating summary.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param minimumCompletion the share of the course's lessons a learner must have completed to review it (default
 *                          0.2)
 * @param priorWeight       how many "virtual" reviews at the platform mean the Bayesian average adds (default 10)
 * @param fallbackPrior     the prior mean while the platform has no counted review yet (default 3.0)
 */
public record ReviewPolicy(double minimumCompletion, double priorWeight, double fallbackPrior) {
    /**
     * Validates.
     *
     * @param minimumCompletion between 0 and 1
     * @param priorWeight       zero or more
     * @param fallbackPrior     between 1 and 5
     */
    public ReviewPolicy {
        new Validator()
                .check(minimumCompletion >= 0 && minimumCompletion <= 1, "minimumCompletion", "must be between 0 and 1")
                .check(priorWeight >= 0 && Double.isFinite(priorWeight), "priorWeight", "must be zero or more")
                .check(fallbackPrior >= 1 && fallbackPrior <= 5, "fallbackPrior", "must be between 1 and 5")
                .throwIfInvalid();
    }

    /**
     * The defaults: 20% completion, prior weight 10, fallback prior 3.0.
     *
     * @return the policy
     */
    public static ReviewPolicy defaults() {
        return new ReviewPolicy(0.2, 10, 3.0);
    }

    /**
     * A copy with another prior weight.
     *
     * @param weight the weight
     * @return the copy
     */
    public ReviewPolicy withPriorWeight(double weight) {
        return new ReviewPolicy(minimumCompletion, weight, fallbackPrior);
    }

    /**
     * A copy with another completion threshold.
     *
     * @param share the share
     * @return the copy
     */
    public ReviewPolicy withMinimumCompletion(double share) {
        return new ReviewPolicy(share, priorWeight, fallbackPrior);
    }
}
