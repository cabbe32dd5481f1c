package io.learnloop.core.internal.recall;

import io.learnloop.core.recall.ForecastScore;

/**
 * Scores forecasts of recall: log-loss and the binned calibration error of {@link ForecastScore}.
 *
 * <p>Not thread-safe: one per scoring pass.
 */
final class Forecasts {
    private static final int BINS = 20;
    /** Predictions are kept this far from 0 and 1, so one confident miss cannot make the loss infinite. */
    private static final double EPSILON = 1e-4;

    private final double[] predicted = new double[BINS];
    private final double[] observed = new double[BINS];
    private final long[] counts = new long[BINS];
    private double loss;
    private long n;

    void add(double p, boolean recalled) {
        double q = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
        loss -= recalled ? Math.log(q) : Math.log(1 - q);
        n++;
        int bin = Math.min(BINS - 1, (int) (q * BINS));
        predicted[bin] += q;
        observed[bin] += recalled ? 1 : 0;
        counts[bin]++;
    }

    double meanLoss() {
        return n == 0 ? 0 : loss / n;
    }

    ForecastScore score() {
        double squares = 0;
        for (int b = 0; b < BINS; b++) {
            if (counts[b] > 0) {
                double diff = (predicted[b] - observed[b]) / counts[b];
                squares += counts[b] * diff * diff;
            }
        }
        return new ForecastScore(n, meanLoss(), n == 0 ? 0 : Math.sqrt(squares / n));
    }
}
