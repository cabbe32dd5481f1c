package io.learnloop.core.internal.recall;

/**
 * Fits FSRS-6 weights by maximum likelihood: Adam on the mean log-loss of the forecasts, its gradient taken by
 * forward differences, every step clipped into the weights' bounds. The weights with the lowest loss seen are kept.
 *
 * <p>Thread-safe: static functions only.
 */
public final class AdamFit {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private static final double STEP = 1e-5;

    private AdamFit() {
    }

    /**
     * Fits.
     *
     * @param start               the weights to start from, within their bounds
     * @param histories           the training histories
     * @param iterations          how many Adam steps
     * @param learningRate        Adam's step size
     * @param relearningStepCount the scheduler's relearning steps (they bound w17 and w18)
     * @return the fitted weights
     */
    public static double[] fit(double[] start, ReviewHistories histories, int iterations, double learningRate,
                               int relearningStepCount) {
        int k = start.length;
        double[] w = WeightBounds.clip(start, relearningStepCount);
        double[] m = new double[k];
        double[] v = new double[k];
        double[] best = w.clone();
        double bestLoss = RecallModels.fsrsLoss(w, histories);
        double[] grad = new double[k];
        double loss = bestLoss;
        for (int step = 1; step <= iterations; step++) {
            for (int i = 0; i < k; i++) {
                double h = STEP * Math.max(1, Math.abs(w[i]));
                double[] up = w.clone();
                up[i] += h;
                grad[i] = (RecallModels.fsrsLoss(up, histories) - loss) / h;
            }
            double[] next = w.clone();
            for (int i = 0; i < k; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
                double mHat = m[i] / (1 - Math.pow(BETA1, step));
                double vHat = v[i] / (1 - Math.pow(BETA2, step));
                next[i] -= learningRate * mHat / (Math.sqrt(vHat) + EPS);
            }
            w = WeightBounds.clip(next, relearningStepCount);
            loss = RecallModels.fsrsLoss(w, histories);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = w.clone();
            }
        }
        return best;
    }
}
