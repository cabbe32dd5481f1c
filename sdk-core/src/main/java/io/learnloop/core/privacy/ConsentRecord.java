package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded decision: never changed, a later decision about the same purpose supersedes it.
 *
 * <p>Thread-safe: immutable.
 *
 * @param id         the record's id
 * @param learner    whose decision it is
 * @param decision   the decision
 * @param recordedBy who recorded it: the learner, or an admin acting on the learner's written request
 * @param recordedAt when
 */
public record ConsentRecord(String id, UserId learner, ConsentDecision decision, UserId recordedBy,
                            Instant recordedAt) {
    /**
     * Checks the record is complete.
     */
    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
