package io.learnloop.core.reputation;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A learner's reputation at an instant: the decayed score, the points ever earned, how many acts of each source
 * earned them, and the roles the learner holds.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner        the learner
 * @param score          the sum of every journal entry's points, each halved once per half-life since it was
 *                       recorded, at {@code at}
 * @param at             the instant the score is for
 * @param lifetimePoints every point ever earned, without decay
 * @param counts         how many entries each source recorded (sources with none are absent); copied
 * @param roles          the roles held after the last evaluation; copied
 */
public record ReputationScore(UserId learner, double score, Instant at, long lifetimePoints,
                              Map<ReputationSource, Long> counts, Set<ReputationRole> roles) {
    /**
     * Copies the collections.
     *
     * @param learner        the learner
     * @param score          the score
     * @param at             the instant
     * @param lifetimePoints the undecayed total
     * @param counts         entries per source
     * @param roles          the roles
     */
    public ReputationScore {
        counts = counts == null || counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /**
     * How many entries a source recorded.
     *
     * @param source the source
     * @return the count, 0 if none
     */
    public long count(ReputationSource source) {
        return counts.getOrDefault(source, 0L);
    }
}
