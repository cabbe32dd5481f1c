package io.learnloop.core.internal.recall;

/**
 * The range each of the 21 FSRS-6 weights may take: ts-fsrs's {@code CLAMP_PARAMETERS} with short-term scheduling on,
 * including its ceiling on w17 and w18 when there are several relearning steps (so that a lapse and its relearning
 * steps together never raise stability above what it was).
 *
 * <p>Thread-safe: static functions only.
 */
public final class WeightBounds {
    /** How many weights FSRS-6 has. */
    public static final int COUNT = 21;
    /** The smallest stability, in days. */
    public static final double S_MIN = 0.001;
    /** The largest stability, in days. */
    public static final double S_MAX = 36500.0;
    private static final double INIT_S_MAX = 100.0;
    private static final double W17_W18_CEILING = 2.0;

    private static final double[][] BASE = {
        {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX}, {S_MIN, INIT_S_MAX},
        {1.0, 10.0}, {0.001, 4.0}, {0.001, 4.0}, {0.001, 0.75},
        {0.0, 4.5}, {0.0, 0.8}, {0.001, 3.5}, {0.001, 5.0},
        {0.001, 0.25}, {0.001, 0.9}, {0.0, 4.0}, {0.0, 1.0},
        {1.0, 6.0}, {0.0, W17_W18_CEILING}, {0.0, W17_W18_CEILING}, {0.01, 0.8},
        {0.1, 0.8},
    };

    private WeightBounds() {
    }

    /**
     * The bounds of each weight.
     *
     * @param weights             the weights (w11, w13 and w14 set the w17/w18 ceiling)
     * @param relearningStepCount how many relearning steps the scheduler uses
     * @return {@code [index][0]} the lower and {@code [index][1]} the upper bound
     */
    public static double[][] of(double[] weights, int relearningStepCount) {
        double[][] bounds = new double[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            bounds[i] = BASE[i].clone();
        }
        if (relearningStepCount > 1) {
            double w11 = clamp(weights[11], BASE[11][0], BASE[11][1]);
            double w13 = clamp(weights[13], BASE[13][0], BASE[13][1]);
            double w14 = clamp(weights[14], BASE[14][0], BASE[14][1]);
            // each relearning step multiplies stability by up to e^(w17*w18); the lapse's stability
            // (at D = 1, R = 0.7, S = 1) times that product over all steps must stay at most S
            double value = -(StrictMath.log(w11) + StrictMath.log(StrictMath.pow(2.0, w13) - 1.0) + w14 * 0.3)
                    / relearningStepCount;
            double ceiling = clamp(FsrsMath.round8(StrictMath.sqrt(Math.max(value, 0))), 0.01, W17_W18_CEILING);
            bounds[17][1] = ceiling;
            bounds[18][1] = ceiling;
        }
        return bounds;
    }

    /**
     * Clamps every weight into its bounds.
     *
     * @param weights             the weights (not changed)
     * @param relearningStepCount how many relearning steps the scheduler uses
     * @return the clamped copy
     */
    public static double[] clip(double[] weights, int relearningStepCount) {
        double[][] bounds = of(weights, relearningStepCount);
        double[] out = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            out[i] = clamp(weights[i], bounds[i][0], bounds[i][1]);
        }
        return out;
    }

    static double clamp(double value, double min, double max) {
        return Math.min(Math.max(value, min), max);
    }
}
