package io.learnloop.core.reputation;

import io.learnloop.core.error.Validator;

/**
 * The reputation at which a learner gains a {@link ReputationRole}, and below which (after decay) they lose it at
 * the next evaluation.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param role   the role
 * @param points the score needed, positive
 */
public record RoleThreshold(ReputationRole role, double points) {
    /**
     * Validates.
     *
     * @param role   the role
     * @param points the score needed
     */
    public RoleThreshold {
        new Validator().notNull("role", role).finite("points", points)
                .check(points > 0, "points", "must be positive (was " + points + ")").throwIfInvalid();
    }
}
