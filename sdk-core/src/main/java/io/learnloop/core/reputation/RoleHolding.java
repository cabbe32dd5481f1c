package io.learnloop.core.reputation;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A learner holding a {@link ReputationRole}, as stored.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id      {@code learner|role}
 * @param learner the learner
 * @param role    the role
 * @param since    when the learner's reputation reached the role's threshold
 * @param lapsesAt when the learner's decaying score falls below the role's threshold unless new reputation comes
 *                 first, to the millisecond (the scheduled jobs take the role away at their first run after it); null
 *                 for a holding stored before this was kept, which the next run re-evaluates
 */
public record RoleHolding(String id, UserId learner, ReputationRole role, Instant since, Instant lapsesAt) {
    /**
     * A holding whose lapse is not known yet.
     *
     * @param id      {@code learner|role}
     * @param learner the learner
     * @param role    the role
     * @param since   when the threshold was reached
     */
    public RoleHolding(String id, UserId learner, ReputationRole role, Instant since) {
        this(id, learner, role, since, null);
    }

}
