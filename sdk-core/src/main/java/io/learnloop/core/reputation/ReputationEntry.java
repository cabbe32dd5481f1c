package io.learnloop.core.reputation;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * One line of a learner's reputation journal, as stored. The journal is append-only: an entry is never changed or
 * removed (except that an erasure pseudonymises the people it names), and a score is the decayed sum of its entries.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the entry
 * @param learner    who earned the points
 * @param source     what earned them
 * @param actor      whose act awarded them
 * @param target     what the act was about
 * @param sourceId   the act's id in the system that reported it
 * @param points     the points, as the policy gave them when recorded
 * @param recordedAt when recorded, by the facade's clock; decay runs from this instant
 */
public record ReputationEntry(String id, UserId learner, ReputationSource source, UserId actor, String target,
                             String sourceId, int points, Instant recordedAt) {
}
