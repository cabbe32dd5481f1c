package io.learnloop.core.internal.recall;

import io.learnloop.core.error.ValidationException;

/**
 * The FSRS-6 memory model exactly as ts-fsrs v5 computes it ({@code FSRSAlgorithm}): the forgetting curve with the
 * trainable decay w20, initial and next stability and difficulty, the same-day (short-term) stability with
 * w17 to w19, and the interval that reaches the desired retention. Every result that ts-fsrs rounds to 8 decimals is
 * rounded here the same way, and {@link StrictMath} gives the fdlibm results that V8 also gives, so the numbers agree
 * to the last bit on the same inputs.
 *
 * <p>Thread-safe: immutable.
 */
public final class FsrsMath {
    private final double[] w;
    private final boolean rounded;
    private final double decay;
    private final double factor;
    private final double intervalModifier;
    private final int maximumInterval;

    /**
     * Prepares the model.
     *
     * @param weights          the 21 weights, already within their bounds
     * @param desiredRetention the retention an interval aims at
     * @param maximumInterval  the longest interval in days
     */
    public FsrsMath(double[] weights, double desiredRetention, int maximumInterval) {
        this(weights, desiredRetention, maximumInterval, true);
    }

    private FsrsMath(double[] weights, double desiredRetention, int maximumInterval, boolean rounded) {
        this.w = weights.clone();
        this.rounded = rounded;
        this.decay = -w[20];
        // ts-fsrs multiplies by pow(decay, -1), which fdlibm computes as exactly 1 / decay
        this.factor = round(StrictMath.exp((1 / decay) * StrictMath.log(0.9)) - 1.0);
        this.intervalModifier = round((StrictMath.pow(desiredRetention, 1 / decay) - 1) / factor);
        this.maximumInterval = maximumInterval;
    }

    /**
     * The same model without ts-fsrs's rounding to 8 decimals, so that the loss varies smoothly with the weights
     * (the optimiser differentiates it numerically).
     *
     * @param weights the 21 weights
     * @return the model, for the default retention and maximum interval
     */
    public static FsrsMath unrounded(double[] weights) {
        return new FsrsMath(weights, 0.9, (int) WeightBounds.S_MAX, false);
    }

    private double round(double x) {
        return rounded ? round8(x) : x;
    }

    /**
     * Rounds to 8 decimals as ts-fsrs's {@code roundTo(x, 8)} does ({@code Math.round(x * 1e8) / 1e8}, ties up).
     *
     * @param x the value
     * @return the rounded value
     */
    public static double round8(double x) {
        return Math.round(x * 1e8) / 1e8;
    }

    private static double clamp(double value, double min, double max) {
        return Math.min(Math.max(value, min), max);
    }

    /**
     * The probability of recall after {@code elapsedDays} at a stability.
     *
     * @param elapsedDays days since the last review
     * @param stability   the stability
     * @return the retrievability
     */
    public double forgettingCurve(double elapsedDays, double stability) {
        return round(StrictMath.pow(1 + factor * elapsedDays / stability, decay));
    }

    /**
     * The interval modifier: the interval that reaches the desired retention, per day of stability.
     *
     * @return the modifier
     */
    public double intervalModifier() {
        return intervalModifier;
    }

    double initStability(int g) {
        return Math.max(w[g - 1], 0.1);
    }

    double initDifficulty(int g) {
        return round(w[4] - StrictMath.exp((g - 1) * w[5]) + 1);
    }

    /**
     * The interval in days for a stability, before fuzz: rounded, at least 1, at most the maximum interval.
     *
     * @param stability the stability
     * @return the interval
     */
    public long interval(double stability) {
        return Math.min(Math.max(1, Math.round(stability * intervalModifier)), maximumInterval);
    }

    double nextDifficulty(double d, int g) {
        double delta = -w[6] * (g - 3);
        // linear damping: the closer to 10, the smaller the step
        double next = d + round(delta * (10 - d) / 9);
        return clamp(round(w[7] * initDifficulty(4) + (1 - w[7]) * next), 1, 10);
    }

    double recallStability(double d, double s, double r, int g) {
        double hardPenalty = g == 2 ? w[15] : 1;
        double easyBonus = g == 4 ? w[16] : 1;
        return round(clamp(s * (1 + StrictMath.exp(w[8]) * (11 - d) * StrictMath.pow(s, -w[9])
                * (StrictMath.exp((1 - r) * w[10]) - 1) * hardPenalty * easyBonus), WeightBounds.S_MIN,
                WeightBounds.S_MAX));
    }

    double forgetStability(double d, double s, double r) {
        return round(clamp(w[11] * StrictMath.pow(d, -w[12]) * (StrictMath.pow(s + 1, w[13]) - 1)
                * StrictMath.exp((1 - r) * w[14]), WeightBounds.S_MIN, WeightBounds.S_MAX));
    }

    double shortTermStability(double s, int g) {
        double sinc = StrictMath.pow(s, -w[19]) * StrictMath.exp(w[17] * (g - 3 + w[18]));
        // a same-day pass never lowers stability; a same-day lapse may
        double masked = g >= 2 ? Math.max(sinc, 1.0) : sinc;
        return round(clamp(s * masked, WeightBounds.S_MIN, WeightBounds.S_MAX));
    }

    /**
     * The memory state after a review, as ts-fsrs's {@code next_state} with short-term scheduling on.
     *
     * @param difficulty the difficulty before (0 with stability 0 for a new card)
     * @param stability  the stability before
     * @param elapsed    calendar days since the last review
     * @param g          the grade, 1 to 4
     * @param r          the retrievability, or NaN to compute it from {@code elapsed}
     * @return {@code [difficulty, stability]}
     */
    public double[] nextState(double difficulty, double stability, long elapsed, int g, double r) {
        if (difficulty == 0 && stability == 0) {
            return new double[] {clamp(initDifficulty(g), 1, 10), initStability(g)};
        }
        if (difficulty < 1 || stability < WeightBounds.S_MIN) {
            throw ValidationException.of("card", "has a memory state FSRS cannot produce (difficulty " + difficulty
                    + ", stability " + stability + "): difficulty must be at least 1 and stability at least "
                    + WeightBounds.S_MIN + ", or both 0 for a new card");
        }
        double retrievability = Double.isNaN(r) ? forgettingCurve(elapsed, stability) : r;
        double s;
        if (elapsed == 0) {
            s = shortTermStability(stability, g);
        } else if (g == 1) {
            double afterFail = forgetStability(difficulty, stability, retrievability);
            double floor = round(stability / StrictMath.exp(w[17] * w[18]));
            s = clamp(floor, WeightBounds.S_MIN, afterFail);
        } else {
            s = recallStability(difficulty, stability, retrievability, g);
        }
        return new double[] {nextDifficulty(difficulty, g), s};
    }
}
