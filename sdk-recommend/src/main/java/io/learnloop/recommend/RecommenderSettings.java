package io.learnloop.recommend;

import io.learnloop.core.error.Validator;
import io.learnloop.recommend.eval.SplitMethod;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Every hyper-parameter of every model {@link Recommenders} trains, and of the fitted hybrid. {@link #defaults()} is
 * the one set the documentation shows and the evaluation tool uses without tuning; a tuned set comes from
 * {@link io.learnloop.recommend.eval.Tuner}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param popularityHalfLife popularity's half-life, {@link Duration#ZERO} for plain counts
 * @param knnNeighbours      item-kNN neighbours per course, 1 to 10,000
 * @param knnShrinkage       item-kNN shrinkage, finite and at least 0
 * @param rp3Neighbours      RP3beta neighbours per course, 1 to 10,000
 * @param rp3Alpha           RP3beta transition exponent, above 0 and at most 4
 * @param rp3Beta            RP3beta popularity penalty, 0 to 2
 * @param easeLambda         EASE L2 regularisation, finite and above 0
 * @param easeDropout        EASE dropout share (EDLAE), 0 to below 1; 0 is plain EASE
 * @param als                ALS settings
 * @param hybrid             how the hybrid is fitted
 */
public record RecommenderSettings(Duration popularityHalfLife, int knnNeighbours, double knnShrinkage,
                                  int rp3Neighbours, double rp3Alpha, double rp3Beta, double easeLambda,
                                  double easeDropout, AlsSettings als, HybridSettings hybrid) {
    /**
     * Validates.
     *
     * @param popularityHalfLife popularity half-life
     * @param knnNeighbours      item-kNN neighbours
     * @param knnShrinkage       item-kNN shrinkage
     * @param rp3Neighbours      RP3beta neighbours
     * @param rp3Alpha           RP3beta alpha
     * @param rp3Beta            RP3beta beta
     * @param easeLambda         EASE lambda
     * @param easeDropout        EASE dropout
     * @param als                ALS settings
     * @param hybrid             hybrid settings
     * @throws io.learnloop.core.error.ValidationException if a value is missing or out of range
     */
    public RecommenderSettings {
        new Validator()
                .check(popularityHalfLife != null && !popularityHalfLife.isNegative(), "popularityHalfLife",
                        "must be a duration >= 0")
                .check(knnNeighbours >= 1 && knnNeighbours <= 10_000, "knnNeighbours",
                        "must be 1 to 10000 (was " + knnNeighbours + ")")
                .check(Double.isFinite(knnShrinkage) && knnShrinkage >= 0, "knnShrinkage",
                        "must be a finite number >= 0 (was " + knnShrinkage + ")")
                .check(rp3Neighbours >= 1 && rp3Neighbours <= 10_000, "rp3Neighbours",
                        "must be 1 to 10000 (was " + rp3Neighbours + ")")
                .check(rp3Alpha > 0 && rp3Alpha <= 4, "rp3Alpha", "must be above 0 and at most 4 (was " + rp3Alpha + ")")
                .check(rp3Beta >= 0 && rp3Beta <= 2, "rp3Beta", "must be 0 to 2 (was " + rp3Beta + ")")
                .check(Double.isFinite(easeLambda) && easeLambda > 0, "easeLambda",
                        "must be a finite number > 0 (was " + easeLambda + ")")
                .check(easeDropout >= 0 && easeDropout < 1, "easeDropout",
                        "must be at least 0 and below 1 (was " + easeDropout + ")")
                .notNull("als", als).notNull("hybrid", hybrid)
                .throwIfInvalid();
    }

    /**
     * Returns the recommended settings for a course catalogue of up to about 2,000 courses and 10,000 to 1,000,000
     * interactions: the values the evaluation in {@code docs/recommend.md} found best across its data sets. The
     * hybrid is fitted on a temporal validation split (the latest 20 % of each learner's courses), since a host asks
     * "what next".
     *
     * @return the defaults
     */
    public static RecommenderSettings defaults() {
        return new RecommenderSettings(Duration.ZERO, 100, 10, 100, 0.8, 0.3, 250, 0,
                AlsSettings.defaults(),
                new HybridSettings(EnumSet.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN, ModelKind.RP3BETA,
                        ModelKind.EASE, ModelKind.CONTENT, ModelKind.SEQUENCE), SplitMethod.temporal(0.2), 1000, 10,
                        List.of(Duration.ZERO, Duration.ofDays(7), Duration.ofDays(30))));
    }

    /**
     * Returns a copy with another popularity half-life.
     *
     * @param halfLife the half-life
     * @return the copy
     */
    public RecommenderSettings withPopularity(Duration halfLife) {
        return new RecommenderSettings(halfLife, knnNeighbours, knnShrinkage, rp3Neighbours, rp3Alpha, rp3Beta,
                easeLambda, easeDropout, als, hybrid);
    }

    /**
     * Returns a copy with other item-kNN settings.
     *
     * @param neighbours neighbours per course
     * @param shrinkage  shrinkage
     * @return the copy
     */
    public RecommenderSettings withItemKnn(int neighbours, double shrinkage) {
        return new RecommenderSettings(popularityHalfLife, neighbours, shrinkage, rp3Neighbours, rp3Alpha, rp3Beta,
                easeLambda, easeDropout, als, hybrid);
    }

    /**
     * Returns a copy with other RP3beta settings.
     *
     * @param neighbours neighbours per course
     * @param alpha      transition exponent
     * @param beta       popularity penalty
     * @return the copy
     */
    public RecommenderSettings withRp3beta(int neighbours, double alpha, double beta) {
        return new RecommenderSettings(popularityHalfLife, knnNeighbours, knnShrinkage, neighbours, alpha, beta,
                easeLambda, easeDropout, als, hybrid);
    }

    /**
     * Returns a copy with other EASE settings.
     *
     * @param lambda  L2 regularisation
     * @param dropout dropout share, 0 for plain EASE
     * @return the copy
     */
    public RecommenderSettings withEase(double lambda, double dropout) {
        return new RecommenderSettings(popularityHalfLife, knnNeighbours, knnShrinkage, rp3Neighbours, rp3Alpha,
                rp3Beta, lambda, dropout, als, hybrid);
    }

    /**
     * Returns a copy with other ALS settings.
     *
     * @param als the ALS settings
     * @return the copy
     */
    public RecommenderSettings withAls(AlsSettings als) {
        return new RecommenderSettings(popularityHalfLife, knnNeighbours, knnShrinkage, rp3Neighbours, rp3Alpha,
                rp3Beta, easeLambda, easeDropout, als, hybrid);
    }

    /**
     * Returns a copy with other hybrid settings.
     *
     * @param hybrid the hybrid settings
     * @return the copy
     */
    public RecommenderSettings withHybrid(HybridSettings hybrid) {
        return new RecommenderSettings(popularityHalfLife, knnNeighbours, knnShrinkage, rp3Neighbours, rp3Alpha,
                rp3Beta, easeLambda, easeDropout, als, hybrid);
    }

    /**
     * Returns a short description of one model's settings, for logs and reports.
     *
     * @param kind the model
     * @return for example {@code "lambda=250 dropout=0"}
     */
    public String describe(ModelKind kind) {
        return switch (kind) {
            case POPULARITY -> "halfLifeDays=" + fmt(popularityHalfLife.toMinutes() / 1440.0);
            case ITEM_KNN -> "neighbours=" + knnNeighbours + " shrinkage=" + fmt(knnShrinkage);
            case RP3BETA -> "neighbours=" + rp3Neighbours + " alpha=" + fmt(rp3Alpha) + " beta=" + fmt(rp3Beta);
            case EASE -> "lambda=" + fmt(easeLambda) + " dropout=" + fmt(easeDropout);
            case ALS -> "factors=" + als.factors() + " sweeps=" + als.iterations() + " reg=" + fmt(als.regularization())
                    + " alpha=" + fmt(als.alpha()) + " exponent=" + fmt(als.frequencyExponent());
            case CONTENT -> "tf-idf";
            case SEQUENCE -> "window=3 decay=0.5";
        };
    }

    /**
     * Returns one line per model and one for the hybrid fit, {@code name: description}, in {@link ModelKind} order:
     * the defaults table of {@code docs/recommend.md} is this text for {@link #defaults()}.
     *
     * @return the lines
     */
    public List<String> describeAll() {
        List<String> lines = new java.util.ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            lines.add(kind.modelName() + ": " + describe(kind));
        }
        lines.add("hybrid: " + hybrid.describe());
        return List.copyOf(lines);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
