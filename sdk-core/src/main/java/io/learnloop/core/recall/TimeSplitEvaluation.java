package io.learnloop.core.recall;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-split evaluation of the scheduler on stored reviews: weights fitted on the reviews before a cutoff, and the
 * forecasts of the reviews from the cutoff on scored for those weights, for the default weights and for SM-2.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param cutoff   the first instant whose reviews are scored (and left out of the fit)
 * @param fitted   the parameters fitted on the reviews before the cutoff
 * @param fsrs     the score of the fitted parameters
 * @param defaults the score of {@link FsrsParameters#defaults()}
 * @param sm2      the score of SM-2
 */
public record TimeSplitEvaluation(Instant cutoff, FsrsParameters fitted, ForecastScore fsrs,
                                  ForecastScore defaults, ForecastScore sm2) {
    /**
     * Checks the evaluation is complete.
     *
     * @param cutoff   the cutoff
     * @param fitted   the fitted parameters
     * @param fsrs     their score
     * @param defaults the defaults' score
     * @param sm2      SM-2's score
     */
    public TimeSplitEvaluation {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(fitted, "fitted");
        Objects.requireNonNull(fsrs, "fsrs");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(sm2, "sm2");
    }
}
