package io.learnloop.core.practice;

import java.time.Duration;

/**
 * What happens to work handed in after the due time: it is accepted until {@code due + cutoff} and flagged late, and
 * its grade loses {@code penaltyBpPerDay} basis points of the full grade for each day or part of a day late (at
 * most all of it). After the cutoff nothing is accepted.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param penaltyBpPerDay the penalty per started day late, 0 to 10,000 basis points
 * @param cutoff          how long after the due time late work is still accepted, zero to 365 days (zero: none)
 */
public record LatePolicy(int penaltyBpPerDay, Duration cutoff) {
    /**
     * Defaults a null cutoff to zero.
     *
     * @param penaltyBpPerDay the penalty per day
     * @param cutoff          the cutoff
     */
    public LatePolicy {
        cutoff = cutoff == null ? Duration.ZERO : cutoff;
    }

    /**
     * No late work: nothing is accepted after the due time.
     *
     * @return the policy
     */
    public static LatePolicy none() {
        return new LatePolicy(0, Duration.ZERO);
    }
}
