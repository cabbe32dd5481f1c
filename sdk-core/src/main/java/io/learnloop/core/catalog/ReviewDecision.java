package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A reviewer's decision on a submitted course version.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reviewer  who decided
 * @param verdict   the decision
 * @param version   the course version decided on
 * @param reasons   why changes are needed (at least one for {@link ReviewVerdict#CHANGES_REQUESTED}; copied)
 * @param decidedAt when
 */
public record ReviewDecision(UserId reviewer, ReviewVerdict verdict, int version, List<String> reasons,
                             Instant decidedAt) {
    /**
     * Validates and copies.
     *
     * @param reviewer  the reviewer
     * @param verdict   the verdict
     * @param version   the version
     * @param reasons   the reasons
     * @param decidedAt when
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public ReviewDecision {
        Validator v = new Validator().notNull("reviewer", reviewer).notNull("verdict", verdict)
                .check(version >= 1, "version", "must be at least 1").notNull("decidedAt", decidedAt);
        reasons = Limits.texts(v, "reasons", reasons, Limits.REASONS, Limits.REASON);
        v.check(verdict != ReviewVerdict.CHANGES_REQUESTED || !reasons.isEmpty(), "reasons",
                "must give at least one reason when requesting changes");
        v.throwIfInvalid();
    }
}
