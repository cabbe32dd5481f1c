package io.learnloop.core.recall;

/**
 * How well a model predicted recall on a set of reviews: each review of a card at least a day after the one before
 * it is a forecast (the predicted probability of recall) and an outcome (recalled unless rated Again).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param forecasts how many reviews were forecast
 * @param logLoss   the mean binary cross-entropy, in nats (lower is better)
 * @param rmseBins  the calibration error: predictions grouped into 20 bins of equal width, the root of the
 *                  count-weighted mean squared difference between each bin's mean prediction and its recall rate
 *                  (lower is better)
 */
public record ForecastScore(long forecasts, double logLoss, double rmseBins) {
}
