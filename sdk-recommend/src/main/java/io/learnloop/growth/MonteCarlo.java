package io.learnloop.growth;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.Validator;
import io.learnloop.growth.internal.Flows;
import io.learnloop.growth.internal.Integration;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Monte Carlo bands: many simulations, each with the parameters of the given ranges drawn uniformly, summarised as
 * percentile bands of every stock over time and the distribution of one metric at the end.
 *
 * <p>Run {@code i} draws its parameters from its own random stream, derived from the seed and {@code i} alone, and
 * writes to its own slot; so the result is identical for any number of threads.
 *
 * <pre>{@code
 * MonteCarloResult bands = MonteCarlo.builder(GrowthModel.defaults())
 *         .horizon(TimeStep.DAY, TimeStep.DAY.stepsIn(5))
 *         .range(ParameterRange.around(Parameter.K_FACTOR, 0.25, 0.3))
 *         .runs(10_000).seed(42).threads(2)
 *         .build().run();
 * }</pre>
 *
 * <p>Thread-safe: immutable; {@link #run()} may be called concurrently.
 */
public final class MonteCarlo {
    /** The most runs one analysis may take. */
    public static final int MAX_RUNS = 1_000_000;
    /** The most band values one analysis may hold in memory (runs times sampled points times stocks). */
    public static final long MAX_RECORDED_VALUES = 50_000_000L;

    private final GrowthModel model;
    private final TimeStep step;
    private final int steps;
    private final List<ParameterRange> ranges;
    private final int runs;
    private final long seed;
    private final int threads;
    private final int sampleEvery;
    private final Metric metric;

    private MonteCarlo(Builder b) {
        this.model = b.model;
        this.step = b.step;
        this.steps = b.steps;
        this.ranges = List.copyOf(b.ranges);
        this.runs = b.runs;
        this.seed = b.seed;
        this.threads = b.threads;
        this.sampleEvery = b.sampleEvery;
        this.metric = b.metric;
    }

    /**
     * Starts a builder.
     *
     * @param model the model whose parameters the ranges vary
     * @return a builder with 1,000 runs, seed 1, one thread, five years of weekly steps sampled every 4 weeks, and
     *         paying learners as the metric
     */
    public static Builder builder(GrowthModel model) {
        return new Builder(model);
    }

    /**
     * Runs every simulation.
     *
     * @return the bands and the metric's distribution
     */
    public MonteCarloResult run() {
        int[] sampleSteps = sampleSteps(steps, sampleEvery);
        int samples = sampleSteps.length;
        double[][] values = new double[Flows.STOCKS][samples * runs];
        double[] metricValues = new double[runs];
        double[] base = model.parameters().toArray();
        double[] stocks = model.initialState().toArray();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            double[] p = new double[base.length];
            int i;
            while ((i = next.getAndIncrement()) < runs) {
                runOne(i, base, p, stocks, sampleSteps, values, metricValues);
            }
        };
        execute(worker);
        double[] days = new double[samples];
        for (int s = 0; s < samples; s++) {
            days[s] = sampleSteps[s] * step.days();
        }
        return MonteCarloResult.summarise(metric, days, values, metricValues, runs, seed);
    }

    private void runOne(int run, double[] base, double[] p, double[] stocks, int[] sampleSteps, double[][] values,
                        double[] metricValues) {
        System.arraycopy(base, 0, p, 0, base.length);
        SplittableRandom random = new SplittableRandom(streamSeed(seed, run));
        for (ParameterRange r : ranges) {
            p[r.parameter().ordinal()] = r.draw(random.nextDouble());
        }
        int samples = sampleSteps.length;
        int[] cursor = {0};
        double[] last = new double[Flows.DIMENSION];
        Integration.Sink sink = (index, day, y) -> {
            if (cursor[0] < samples && sampleSteps[cursor[0]] == index) {
                int offset = cursor[0] * runs + run;
                for (int s = 0; s < Flows.STOCKS; s++) {
                    values[s][offset] = y[s];
                }
                cursor[0]++;
            }
            if (index == steps) {
                System.arraycopy(y, 0, last, 0, Flows.DIMENSION);
            }
        };
        try {
            Integration.run(new Flows(p), stocks, step.days(), steps, sink);
        } catch (Integration.ConservationViolation e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "Monte Carlo run " + run + " broke the conservation of people: "
                    + e.getMessage(), e);
        }
        metricValues[run] = metric.of(last, p);
    }

    private void execute(Runnable worker) {
        if (threads == 1) {
            worker.run();
            return;
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "learnloop-montecarlo-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LearnloopException(ErrorCode.INTERNAL, "Monte Carlo analysis was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new LearnloopException(ErrorCode.INTERNAL, "Monte Carlo run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static int[] sampleSteps(int steps, int every) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i <= steps; i += every) {
            list.add(i);
        }
        if (list.get(list.size() - 1) != steps) {
            list.add(steps);
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The seed of run {@code run}'s random stream: the SplitMix64 finaliser of the seed and the run index, so
     * neighbouring runs get unrelated streams.
     */
    static long streamSeed(long seed, int run) {
        long z = seed + (run + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Configures a {@link MonteCarlo}. Not thread-safe. */
    public static final class Builder {
        private final GrowthModel model;
        private TimeStep step = TimeStep.WEEK;
        private int steps = TimeStep.WEEK.stepsIn(5);
        private final List<ParameterRange> ranges = new ArrayList<>();
        private int runs = 1_000;
        private long seed = 1;
        private int threads = 1;
        private int sampleEvery = 4;
        private Metric metric = Metric.PAYING_LEARNERS;

        private Builder(GrowthModel model) {
            new Validator().notNull("model", model).throwIfInvalid();
            this.model = model;
        }

        /**
         * Sets the time step and number of steps.
         *
         * @param step  the step
         * @param steps the number of steps
         * @return this builder
         */
        public Builder horizon(TimeStep step, int steps) {
            GrowthModel.validateHorizon(step, steps);
            this.step = step;
            this.steps = steps;
            return this;
        }

        /**
         * Adds a parameter range; parameters without a range keep the model's value.
         *
         * @param range the range
         * @return this builder
         */
        public Builder range(ParameterRange range) {
            new Validator().notNull("range", range).throwIfInvalid();
            ranges.add(range);
            return this;
        }

        /**
         * Sets the number of runs.
         *
         * @param runs between 1 and {@link #MAX_RUNS}
         * @return this builder
         */
        public Builder runs(int runs) {
            this.runs = runs;
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed any value; the same seed gives the same result
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the number of worker threads (the result does not depend on it).
         *
         * @param threads between 1 and 256
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Sets how often the bands are sampled.
         *
         * @param everySteps sample every this many steps (the last step is always sampled)
         * @return this builder
         */
        public Builder sampleEvery(int everySteps) {
            this.sampleEvery = everySteps;
            return this;
        }

        /**
         * Sets the metric whose distribution is reported.
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the analysis
         * @throws io.learnloop.core.error.ValidationException naming each setting out of range
         */
        public MonteCarlo build() {
            Set<Parameter> seen = EnumSet.noneOf(Parameter.class);
            Validator v = new Validator()
                    .check(runs >= 1 && runs <= MAX_RUNS, "runs", "must be between 1 and " + MAX_RUNS + " (was " + runs + ")")
                    .check(threads >= 1 && threads <= 256, "threads", "must be between 1 and 256 (was " + threads + ")")
                    .check(sampleEvery >= 1, "sampleEvery", "must be at least 1 (was " + sampleEvery + ")")
                    .notNull("metric", metric);
            for (ParameterRange r : ranges) {
                v.check(seen.add(r.parameter()), r.parameter().key(), "has more than one range");
            }
            if (runs >= 1 && sampleEvery >= 1) {
                long points = (long) runs * sampleSteps(steps, sampleEvery).length * Stock.values().length;
                v.check(points <= MAX_RECORDED_VALUES, "sampleEvery", "records " + points + " values, more than "
                        + MAX_RECORDED_VALUES + "; sample less often or run fewer runs");
            }
            v.throwIfInvalid();
            return new MonteCarlo(this);
        }
    }
}
