package io.learnloop.core.learning;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * The rules progress is measured by. See {@code docs/learning.md} for the reasoning behind each default.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param maxPlaybackRate      the fastest plausible playback: a report may add at most this many seconds of new
 *                             coverage per second of wall-clock time since the device's previous report (default 2.0)
 * @param completionCoverage   the share of a video or audio lesson that must be covered to complete it (default 0.9)
 * @param firstReportAllowance the wall-clock time credited to a device's first report on a lesson, which has no
 *                             previous report to measure from (default 30 seconds)
 * @param articleMinDwell      the shortest time between opening an article and marking it read (default 10 seconds)
 * @param articleDwellShare    the share of an article's estimated reading time that must also have passed before it
 *                             may be marked read (default 0.25); the larger of the two applies
 * @param clockSkew            how far a report's time may lie in the future of the service's clock (default 5 minutes)
 */
public record ProgressPolicy(double maxPlaybackRate, double completionCoverage, Duration firstReportAllowance,
                             Duration articleMinDwell, double articleDwellShare, Duration clockSkew) {
    /**
     * Validates.
     *
     * @param maxPlaybackRate      at least 1 and at most 16
     * @param completionCoverage   above 0 and at most 1
     * @param firstReportAllowance not negative
     * @param articleMinDwell      not negative
     * @param articleDwellShare    between 0 and 1
     * @param clockSkew            not negative
     */
    public ProgressPolicy {
        new Validator()
                .check(maxPlaybackRate >= 1 && maxPlaybackRate <= 16, "maxPlaybackRate", "must be between 1 and 16")
                .check(completionCoverage > 0 && completionCoverage <= 1, "completionCoverage",
                        "must be above 0 and at most 1")
                .check(firstReportAllowance != null && !firstReportAllowance.isNegative(), "firstReportAllowance",
                        "must be a non-negative duration")
                .check(articleMinDwell != null && !articleMinDwell.isNegative(), "articleMinDwell",
                        "must be a non-negative duration")
                .check(articleDwellShare >= 0 && articleDwellShare <= 1, "articleDwellShare", "must be between 0 and 1")
                .check(clockSkew != null && !clockSkew.isNegative(), "clockSkew", "must be a non-negative duration")
                .throwIfInvalid();
    }

    /**
     * The defaults: 2x playback, 90% coverage, 30 s first-report allowance, 10 s / 25% article dwell, 5 min skew.
     *
     * @return the default policy
     */
    public static ProgressPolicy defaults() {
        return new ProgressPolicy(2.0, 0.9, Duration.ofSeconds(30), Duration.ofSeconds(10), 0.25, Duration.ofMinutes(5));
    }

    /**
     * A copy with another maximum playback rate.
     *
     * @param rate the rate
     * @return the copy
     */
    public ProgressPolicy withMaxPlaybackRate(double rate) {
        return new ProgressPolicy(rate, completionCoverage, firstReportAllowance, articleMinDwell, articleDwellShare, clockSkew);
    }

    /**
     * A copy with another completion coverage.
     *
     * @param coverage the share, above 0 and at most 1
     * @return the copy
     */
    public ProgressPolicy withCompletionCoverage(double coverage) {
        return new ProgressPolicy(maxPlaybackRate, coverage, firstReportAllowance, articleMinDwell, articleDwellShare, clockSkew);
    }

    /**
     * A copy with another first-report allowance.
     *
     * @param allowance the allowance
     * @return the copy
     */
    public ProgressPolicy withFirstReportAllowance(Duration allowance) {
        return new ProgressPolicy(maxPlaybackRate, completionCoverage, allowance, articleMinDwell, articleDwellShare, clockSkew);
    }

    /**
     * A copy with other article dwell rules.
     *
     * @param minDwell the minimum dwell
     * @param share    the share of reading time
     * @return the copy
     */
    public ProgressPolicy withArticleDwell(Duration minDwell, double share) {
        return new ProgressPolicy(maxPlaybackRate, completionCoverage, firstReportAllowance, minDwell, share, clockSkew);
    }
}
