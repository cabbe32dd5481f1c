package io.learnloop.core.recall;

import io.learnloop.core.error.Validator;
import io.learnloop.core.internal.recall.AdamFit;
import io.learnloop.core.internal.recall.RecallModels;
import io.learnloop.core.internal.recall.ReviewHistories;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Fits the FSRS-6 weights of a learner population to its review histories, and scores models of recall on them.
 *
 * <p>The fit is maximum likelihood: every review at least a day after the one before it is a Bernoulli outcome
 * (recalled unless rated Again) with the probability the forgetting curve gives at the memory state before it, the
 * state following every earlier review by the FSRS-6 formulas. Adam minimises the mean log-loss from the starting
 * weights, each step clipped into the weights' bounds, and the weights with the lowest loss are kept. Only the
 * weights change; retention, maximum interval and steps are the starting parameters'.
 *
 * <p>To judge a fit, split by time: fit on {@link CardHistory#before the histories before a cutoff}, then
 * {@link #score score} the reviews after it, with the whole histories replayed so each card's state is known.
 *
 * <p>Thread-safe: immutable. The builder is not thread-safe.
 */
public final class FsrsOptimizer {
    private static final FsrsOptimizer DEFAULT = builder().build();

    private final int iterations;
    private final double learningRate;

    private FsrsOptimizer(Builder b) {
        this.iterations = b.iterations;
        this.learningRate = b.learningRate;
    }

    /**
     * An optimiser with 200 iterations at learning rate 0.04.
     *
     * @return the optimiser
     */
    public static FsrsOptimizer withDefaults() {
        return DEFAULT;
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the weights to histories.
     *
     * @param histories the population's histories (each card's, from its first review)
     * @param start     the parameters to start from (their weights are the starting point; the rest is kept)
     * @return the fitted parameters
     */
    public FsrsParameters fit(Collection<CardHistory> histories, FsrsParameters start) {
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(start, "start");
        double[] w0 = weights(start);
        double[] fitted = AdamFit.fit(w0, new ReviewHistories(histories, Instant.MIN), iterations, learningRate,
                start.relearningSteps().size());
        List<Double> out = new ArrayList<>();
        for (double w : fitted) {
            out.add(w);
        }
        return start.toBuilder().weights(out).build();
    }

    /**
     * How well FSRS with these parameters forecasts the reviews from an instant on.
     *
     * @param parameters the parameters
     * @param histories  whole histories
     * @param from       the first instant whose reviews are scored ({@link Instant#MIN} for all)
     * @return the score
     */
    public ForecastScore score(FsrsParameters parameters, Collection<CardHistory> histories, Instant from) {
        Objects.requireNonNull(parameters, "parameters");
        return RecallModels.fsrs(weights(parameters), compile(histories, from));
    }

    /**
     * How well SM-2 forecasts the reviews from an instant on, reading each interval SM-2 scheduled as the time at
     * which recall falls to 90% ({@code R = 0.9^(t / interval)}); ratings map to SM-2 qualities Again 0, Hard 3,
     * Good 4 and Easy 5.
     *
     * @param histories whole histories
     * @param from      the first instant whose reviews are scored
     * @return the score
     */
    public ForecastScore scoreSm2(Collection<CardHistory> histories, Instant from) {
        return RecallModels.sm2(compile(histories, from));
    }

    private static ReviewHistories compile(Collection<CardHistory> histories, Instant from) {
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(from, "from");
        return new ReviewHistories(histories, from);
    }

    private static double[] weights(FsrsParameters p) {
        double[] w = new double[FsrsParameters.WEIGHT_COUNT];
        for (int i = 0; i < w.length; i++) {
            w[i] = p.weight(i);
        }
        return w;
    }

    /**
     * Builds {@link FsrsOptimizer}. Not thread-safe.
     */
    public static final class Builder {
        private int iterations = 200;
        private double learningRate = 0.04;

        private Builder() {
        }

        /**
         * Sets how many Adam steps to take (default 200); each replays every history 22 times.
         *
         * @param iterations 1 to 100,000
         * @return this builder
         */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets Adam's step size (default 0.04).
         *
         * @param learningRate above 0 and at most 1
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the optimiser
         * @throws io.learnloop.core.error.ValidationException naming each bad field
         */
        public FsrsOptimizer build() {
            new Validator()
                    .check(iterations >= 1 && iterations <= 100_000, "iterations",
                            "must be 1 to 100,000 (was " + iterations + ")")
                    .check(learningRate > 0 && learningRate <= 1, "learningRate",
                            "must be above 0 and at most 1 (was " + learningRate + ")")
                    .throwIfInvalid();
            return new FsrsOptimizer(this);
        }
    }
}
