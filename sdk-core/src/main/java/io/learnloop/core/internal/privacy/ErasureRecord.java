package io.learnloop.core.internal.privacy;

import io.learnloop.core.privacy.ErasureState;

import java.time.Instant;

/**
 * Where one learner's erasure stands. Its id is a digest of the learner's id, so a repeat finds it while the record
 * itself names no one; the pseudonym is kept only until the erasure is done, so that every step uses the same one
 * and, afterwards, nothing links it to the learner.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id          the digest of the learner's id
 * @param state       where it stands
 * @param stepsDone   how many steps ran to their end
 * @param pseudonym   what replaces the learner's id; null once done
 * @param requestedAt when first asked
 * @param completedAt when done, or null
 */
public record ErasureRecord(String id, ErasureState state, int stepsDone, String pseudonym, Instant requestedAt,
                            Instant completedAt) {
    /**
     * A copy after one more step.
     *
     * @return the copy
     */
    ErasureRecord stepDone() {
        return new ErasureRecord(id, ErasureState.IN_PROGRESS, stepsDone + 1, pseudonym, requestedAt, null);
    }

    /**
     * A copy marked done, forgetting the pseudonym.
     *
     * @param at when
     * @return the copy
     */
    ErasureRecord done(Instant at) {
        return new ErasureRecord(id, ErasureState.DONE, stepsDone, null, requestedAt, at);
    }
}
