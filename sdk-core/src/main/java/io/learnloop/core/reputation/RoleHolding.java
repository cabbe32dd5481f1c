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
 * @param since   when the learner's reputation reached the role's threshold
 */
public record RoleHolding(String id, UserId learner, ReputationRole role, Instant since) {
}
