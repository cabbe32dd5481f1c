package io.learnloop.recommend;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * Settings of the business rules applied after a model ranks the catalogue.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param maxPerCategory  at most this many results per category (diversity), 0 for no cap
 * @param maxPerCreator   at most this many results per creator, 0 for no cap
 * @param freshWindow     courses younger than this get the freshness boost, {@link Duration#ZERO} for none
 * @param freshBoost      boost for a brand-new course, as a fraction of the learner's best score among the
 *                        courses the rules allow (1 when that is not positive), fading linearly to 0 at the end of
 *                        the window; finite and at least 0
 * @param candidatePool   how many of a learner's best-scored courses are kept (and cached) to answer from, along
 *                        with the courses that can still get the freshness boost; a request they cannot answer
 *                        exactly ranks the whole catalogue again, so this trades memory for speed, never results;
 *                        10 to 100,000
 * @param cacheSize       how many learners' candidates are cached, at least 0
 */
public record RuleSettings(int maxPerCategory, int maxPerCreator, Duration freshWindow, double freshBoost,
                           int candidatePool, long cacheSize) {
    /**
     * Validates.
     *
     * @param maxPerCategory per-category cap
     * @param maxPerCreator  per-creator cap
     * @param freshWindow    freshness window
     * @param freshBoost     freshness boost
     * @param candidatePool  candidate pool size
     * @param cacheSize      cache size
     */
    public RuleSettings {
        new Validator()
                .check(maxPerCategory >= 0, "maxPerCategory", "must be at least 0 (was " + maxPerCategory + ")")
                .check(maxPerCreator >= 0, "maxPerCreator", "must be at least 0 (was " + maxPerCreator + ")")
                .check(freshWindow != null && !freshWindow.isNegative(), "freshWindow", "must be a duration >= 0")
                .check(Double.isFinite(freshBoost) && freshBoost >= 0, "freshBoost",
                        "must be a finite number >= 0 (was " + freshBoost + ")")
                .check(candidatePool >= 10 && candidatePool <= 100_000, "candidatePool",
                        "must be 10 to 100000 (was " + candidatePool + ")")
                .check(cacheSize >= 0, "cacheSize", "must be at least 0 (was " + cacheSize + ")")
                .throwIfInvalid();
    }

    /**
     * Returns the defaults: 3 per category, 2 per creator, a 30-day window with a 0.3 boost, 200 candidates,
     * 100,000 cached learners.
     *
     * @return the defaults
     */
    public static RuleSettings defaults() {
        return new RuleSettings(3, 2, Duration.ofDays(30), 0.3, 200, 100_000);
    }
}
