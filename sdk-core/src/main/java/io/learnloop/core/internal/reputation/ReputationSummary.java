package io.learnloop.core.internal.reputation;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.reputation.ReputationSource;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A learner's reputation folded into one record: the decayed score at an instant, which decays further by the same
 * rule from there, the undecayed total and the entries per source. Every journal entry updates it in the entry's
 * unit of work, with a compare-and-set, so it always equals the journal folded.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner        the learner
 * @param score          the decayed score at {@code asOf}
 * @param asOf           the instant of {@code score}
 * @param lifetimePoints every point ever earned
 * @param counts         entries per source; copied
 */
public record ReputationSummary(UserId learner, double score, Instant asOf, long lifetimePoints,
                                Map<ReputationSource, Long> counts) {
    /**
     * Copies the counts.
     *
     * @param learner        the learner
     * @param score          the score
     * @param asOf           its instant
     * @param lifetimePoints the total
     * @param counts         the counts
     */
    public ReputationSummary {
        counts = counts == null || counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
    }

    /**
     * A learner with no entries.
     *
     * @param learner the learner
     * @param at      now
     * @return the empty summary
     */
    static ReputationSummary empty(UserId learner, Instant at) {
        return new ReputationSummary(learner, 0, at, 0, Map.of());
    }

    /**
     * The score at another instant.
     *
     * @param at       the instant
     * @param halfLife the half-life, in seconds
     * @return the score
     */
    double scoreAt(Instant at, double halfLife) {
        return Decay.decay(score, asOf, at, halfLife);
    }

    /**
     * The summary with one more entry.
     *
     * @param source   its source
     * @param points   its points
     * @param at       when it was recorded
     * @param halfLife the half-life, in seconds
     * @return the new summary
     */
    ReputationSummary plus(ReputationSource source, int points, Instant at, double halfLife) {
        Map<ReputationSource, Long> next = new EnumMap<>(ReputationSource.class);
        next.putAll(counts);
        next.merge(source, 1L, Long::sum);
        // keep the later instant as the reference, so the score never decays backwards in time
        Instant ref = at.isAfter(asOf) ? at : asOf;
        double s = Decay.decay(score, asOf, ref, halfLife) + Decay.decay(points, at, ref, halfLife);
        return new ReputationSummary(learner, s, ref, lifetimePoints + points, next);
    }
}
