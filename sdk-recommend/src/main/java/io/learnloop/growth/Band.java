package io.learnloop.growth;

import java.util.Arrays;

/**
 * Percentiles of one stock across Monte Carlo runs at every sampled day: the band chart's lines.
 *
 * <p>Thread-safe: immutable.
 */
public final class Band {
    /** The percentiles every band holds, in this order. */
    public static final double[] PERCENTILES = {5, 25, 50, 75, 95};

    private final double[][] lines;
    private final double[] mean;

    Band(double[][] lines, double[] mean) {
        this.lines = lines;
        this.mean = mean;
    }

    /**
     * One percentile line.
     *
     * @param percentile one of {@link #PERCENTILES}
     * @return its value at every sampled day
     * @throws io.learnloop.core.error.ValidationException if the percentile is not one of {@link #PERCENTILES}
     */
    public double[] percentile(double percentile) {
        for (int i = 0; i < PERCENTILES.length; i++) {
            if (PERCENTILES[i] == percentile) {
                return lines[i].clone();
            }
        }
        throw io.learnloop.core.error.ValidationException.of("percentile",
                "must be one of " + Arrays.toString(PERCENTILES) + " (was " + percentile + ")");
    }

    /**
     * The mean across runs.
     *
     * @return the mean at every sampled day
     */
    public double[] mean() {
        return mean.clone();
    }

    double line(int percentileIndex, int sample) {
        return lines[percentileIndex][sample];
    }

    double meanAt(int sample) {
        return mean[sample];
    }

    /**
     * Linear-interpolation percentile (the common "type 7" definition) of sorted values.
     *
     * @param sorted     ascending values
     * @param percentile between 0 and 100
     * @return the percentile
     */
    static double percentileOfSorted(double[] sorted, double percentile) {
        double rank = percentile / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
