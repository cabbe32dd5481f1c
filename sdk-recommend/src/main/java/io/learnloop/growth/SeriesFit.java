package io.learnloop.growth;

import java.util.List;

/**
 * How well the calibrated model reproduces one observed series.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param series     the series, for example {@code "conversions"} or {@code "simulated payingLearners"}
 * @param observed   the observed values, one per period (or per cohort age)
 * @param predicted  the model's values
 * @param rSquared   coefficient of determination, 1 - residual sum of squares / total sum of squares (1 is a
 *                   perfect fit; it can be negative)
 * @param rmse       root mean square error, in the series' unit
 * @param dispersion Pearson chi-square per observation, sum of (observed - predicted)^2 / predicted over the count;
 *                   about 1 when counts scatter like Poisson draws around the model, much more when the model
 *                   misses a pattern (NaN for series that are not counts)
 */
public record SeriesFit(String series, List<Double> observed, List<Double> predicted, double rSquared, double rmse,
                        double dispersion) {
    /**
     * Copies the lists.
     *
     * @param series     the series
     * @param observed   the observed values
     * @param predicted  the predicted values
     * @param rSquared   R squared
     * @param rmse       RMSE
     * @param dispersion the dispersion
     */
    public SeriesFit {
        observed = List.copyOf(observed);
        predicted = List.copyOf(predicted);
    }

    static SeriesFit of(String series, double[] observed, double[] predicted, boolean counts) {
        int n = observed.length;
        double mean = 0;
        for (double o : observed) {
            mean += o;
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        double chi = 0;
        for (int i = 0; i < n; i++) {
            double e = observed[i] - predicted[i];
            ssRes += e * e;
            ssTot += (observed[i] - mean) * (observed[i] - mean);
            if (predicted[i] > 0) {
                chi += e * e / predicted[i];
            }
        }
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0);
        List<Double> o = java.util.Arrays.stream(observed).boxed().toList();
        List<Double> p = java.util.Arrays.stream(predicted).boxed().toList();
        return new SeriesFit(series, o, p, r2, Math.sqrt(ssRes / n), counts ? chi / n : Double.NaN);
    }
}
