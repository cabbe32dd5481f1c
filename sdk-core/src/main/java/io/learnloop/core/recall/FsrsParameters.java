package io.learnloop.core.recall;

import io.learnloop.core.error.Validator;
import io.learnloop.core.internal.recall.WeightBounds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The settings of an FSRS-6 scheduler: the 21 model weights, the desired retention, the longest interval, the
 * learning and relearning steps, and whether intervals are fuzzed. The defaults are ts-fsrs v5's: its default
 * weights, retention 0.9, at most 36,500 days, learning steps 1 and 10 minutes, one relearning step of 10 minutes,
 * and no fuzz (so that schedules are deterministic).
 *
 * <p>Unlike ts-fsrs, which silently clamps weights into their ranges, a weight outside its range is refused. The one
 * exception follows ts-fsrs: with more than one relearning step, w17 and w18 are lowered, if need be, to the ceiling
 * that keeps a lapse and its relearning steps from raising stability (the defaults exceed it from three steps on).
 *
 * <p>Thread-safe: immutable. The builder is not thread-safe.
 */
public final class FsrsParameters {
    /** How many weights FSRS-6 has. */
    public static final int WEIGHT_COUNT = WeightBounds.COUNT;
    /** The most learning (or relearning) steps accepted. */
    public static final int MAX_STEPS = 20;

    private static final double[] DEFAULT_WEIGHTS = {
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
        1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    };
    private static final FsrsParameters DEFAULTS = builder().build();

    private final double[] weights;
    private final double desiredRetention;
    private final int maximumInterval;
    private final List<Duration> learningSteps;
    private final List<Duration> relearningSteps;
    private final boolean fuzz;

    private FsrsParameters(Builder b, double[] weights) {
        this.weights = weights.clone();
        this.desiredRetention = b.desiredRetention;
        this.maximumInterval = b.maximumInterval;
        this.learningSteps = List.copyOf(b.learningSteps);
        this.relearningSteps = List.copyOf(b.relearningSteps);
        this.fuzz = b.fuzz;
    }

    /**
     * The defaults of ts-fsrs v5 (FSRS-6), without fuzz.
     *
     * @return the default parameters
     */
    public static FsrsParameters defaults() {
        return DEFAULTS;
    }

    /**
     * The 21 default FSRS-6 weights.
     *
     * @return the weights (an unmodifiable copy)
     */
    public static List<Double> defaultWeights() {
        return Arrays.stream(DEFAULT_WEIGHTS).boxed().toList();
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
     * Starts from these parameters.
     *
     * @return a builder holding them
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.weights = weights.clone();
        b.desiredRetention = desiredRetention;
        b.maximumInterval = maximumInterval;
        b.learningSteps = new ArrayList<>(learningSteps);
        b.relearningSteps = new ArrayList<>(relearningSteps);
        b.fuzz = fuzz;
        return b;
    }

    /**
     * The 21 weights, w0 to w20.
     *
     * @return the weights (an unmodifiable copy)
     */
    public List<Double> weights() {
        return Arrays.stream(weights).boxed().toList();
    }

    /**
     * One weight.
     *
     * @param index 0 to 20
     * @return the weight
     */
    public double weight(int index) {
        return weights[index];
    }

    /**
     * The probability of recall at which a graduated card falls due.
     *
     * @return the retention, above 0 and at most 1
     */
    public double desiredRetention() {
        return desiredRetention;
    }

    /**
     * The longest interval the stability alone may schedule, in days.
     *
     * @return the maximum interval
     */
    public int maximumInterval() {
        return maximumInterval;
    }

    /**
     * The steps of a new card before it graduates.
     *
     * @return the steps, whole minutes each
     */
    public List<Duration> learningSteps() {
        return learningSteps;
    }

    /**
     * The steps of a forgotten card before it graduates again.
     *
     * @return the steps, whole minutes each
     */
    public List<Duration> relearningSteps() {
        return relearningSteps;
    }

    /**
     * Whether intervals of 3 days and more are fuzzed, as ts-fsrs does with {@code enable_fuzz}.
     *
     * @return true if fuzzed
     */
    public boolean fuzz() {
        return fuzz;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FsrsParameters p && Arrays.equals(weights, p.weights)
                && desiredRetention == p.desiredRetention && maximumInterval == p.maximumInterval
                && learningSteps.equals(p.learningSteps) && relearningSteps.equals(p.relearningSteps)
                && fuzz == p.fuzz;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(weights), desiredRetention, maximumInterval, learningSteps,
                relearningSteps, fuzz);
    }

    @Override
    public String toString() {
        return "FsrsParameters[weights=" + Arrays.toString(weights) + ", desiredRetention=" + desiredRetention
                + ", maximumInterval=" + maximumInterval + ", learningSteps=" + learningSteps
                + ", relearningSteps=" + relearningSteps + ", fuzz=" + fuzz + "]";
    }

    /**
     * Builds {@link FsrsParameters}. Not thread-safe.
     */
    public static final class Builder {
        private double[] weights = DEFAULT_WEIGHTS.clone();
        private double desiredRetention = 0.9;
        private int maximumInterval = 36_500;
        private List<Duration> learningSteps = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10));
        private List<Duration> relearningSteps = List.of(Duration.ofMinutes(10));
        private boolean fuzz;

        private Builder() {
        }

        /**
         * Sets the 21 weights.
         *
         * @param weights w0 to w20
         * @return this builder
         */
        public Builder weights(List<Double> weights) {
            Objects.requireNonNull(weights, "weights");
            new Validator().check(weights.size() == WEIGHT_COUNT, "weights",
                    "must hold " + WEIGHT_COUNT + " values, w0 to w20 (held " + weights.size() + ")").throwIfInvalid();
            double[] w = new double[WEIGHT_COUNT];
            for (int i = 0; i < WEIGHT_COUNT; i++) {
                w[i] = Objects.requireNonNull(weights.get(i), "weights[" + i + "]");
            }
            this.weights = w;
            return this;
        }

        /**
         * Sets the probability of recall at which a graduated card falls due (default 0.9).
         *
         * @param retention above 0 and at most 1
         * @return this builder
         */
        public Builder desiredRetention(double retention) {
            this.desiredRetention = retention;
            return this;
        }

        /**
         * Sets the longest interval the stability alone may schedule (default 36,500 days).
         *
         * @param days at least 1
         * @return this builder
         */
        public Builder maximumInterval(int days) {
            this.maximumInterval = days;
            return this;
        }

        /**
         * Sets the learning steps of new cards (default 1 and 10 minutes); none means a new card graduates at once.
         *
         * @param steps whole minutes, each at least one minute
         * @return this builder
         */
        public Builder learningSteps(List<Duration> steps) {
            this.learningSteps = new ArrayList<>(Objects.requireNonNull(steps, "steps"));
            return this;
        }

        /**
         * Sets the relearning steps of forgotten cards (default one of 10 minutes).
         *
         * @param steps whole minutes, each at least one minute
         * @return this builder
         */
        public Builder relearningSteps(List<Duration> steps) {
            this.relearningSteps = new ArrayList<>(Objects.requireNonNull(steps, "steps"));
            return this;
        }

        /**
         * Sets whether intervals are fuzzed (default false). Fuzz spreads cards learnt together over nearby days;
         * it is deterministic too, seeded by the review instant and the card's state as in ts-fsrs.
         *
         * @param fuzz true to fuzz
         * @return this builder
         */
        public Builder fuzz(boolean fuzz) {
            this.fuzz = fuzz;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the parameters
         * @throws io.learnloop.core.error.ValidationException naming each bad field: a weight outside its range
         *                                                     (the message gives the range), a retention outside
         *                                                     (0, 1], a maximum interval below 1, or a step that is
         *                                                     not a whole number of minutes from 1 minute to 365 days
         */
        public FsrsParameters build() {
            Validator v = new Validator();
            double[][] bounds = WeightBounds.of(weights, 0);
            for (int i = 0; i < WEIGHT_COUNT; i++) {
                double w = weights[i];
                v.check(Double.isFinite(w) && w >= bounds[i][0] && w <= bounds[i][1], "weights[" + i + "]",
                        "must be " + bounds[i][0] + " to " + bounds[i][1] + " (was " + w + ")");
            }
            double[] effective = weights;
            if (v.isValid()) {
                // with several relearning steps, w17 and w18 are lowered to the ceiling that keeps a lapse from
                // raising stability, as ts-fsrs does; only they depend on another setting, so they are not refused
                effective = WeightBounds.clip(weights, relearningSteps.size());
            }
            v.check(desiredRetention > 0 && desiredRetention <= 1, "desiredRetention",
                    "must be above 0 and at most 1 (was " + desiredRetention + ")");
            v.check(maximumInterval >= 1, "maximumInterval", "must be at least 1 day (was " + maximumInterval + ")");
            steps(v, "learningSteps", learningSteps);
            steps(v, "relearningSteps", relearningSteps);
            v.throwIfInvalid();
            return new FsrsParameters(this, effective);
        }

        private static void steps(Validator v, String field, List<Duration> steps) {
            v.check(steps.size() <= MAX_STEPS, field, "must hold at most " + MAX_STEPS + " steps (held "
                    + steps.size() + ")");
            for (int i = 0; i < steps.size(); i++) {
                Duration d = steps.get(i);
                v.check(d != null && d.toSeconds() % 60 == 0 && d.getNano() == 0
                                && d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(Duration.ofDays(365)) <= 0,
                        field + "[" + i + "]", "must be a whole number of minutes from 1 minute to 365 days (was "
                                + d + ")");
            }
        }
    }
}
