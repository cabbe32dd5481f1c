package io.learnloop.benchmarks.growth;

import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.MonteCarlo;
import io.learnloop.growth.MonteCarloResult;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.ParameterRange;
import io.learnloop.growth.Parameters;
import io.learnloop.growth.Stock;
import io.learnloop.growth.TimeStep;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The growth-loop calculator's speed targets: a five-year daily simulation (target under 1 ms) and 10,000 Monte
 * Carlo runs over five years (target under 5 s on 2 cores).
 */
public class GrowthBenchmarks {
    /** The default model and the Monte Carlo set-up. */
    @State(Scope.Benchmark)
    public static class Models {
        GrowthModel model;
        MonteCarlo monteCarlo;

        /** Worker threads for the Monte Carlo runs. */
        @Param({"2"})
        public int threads;

        /** Sets up the models. */
        @Setup
        public void setUp() {
            model = GrowthModel.defaults();
            Parameters p = model.parameters();
            MonteCarlo.Builder b = MonteCarlo.builder(model)
                    .horizon(TimeStep.WEEK, TimeStep.WEEK.stepsIn(5))
                    .runs(10_000).seed(42).threads(threads).sampleEvery(4);
            for (Parameter uncertain : List.of(Parameter.K_FACTOR, Parameter.CONVERSION_RATE, Parameter.FREE_CHURN_RATE,
                    Parameter.PAID_CHURN_RATE, Parameter.LEARNING_EFFICIENCY, Parameter.PRICE_ELASTICITY)) {
                b.range(ParameterRange.around(uncertain, p.get(uncertain), 0.3));
            }
            monteCarlo = b.build();
        }
    }

    /**
     * Five years of daily steps of the default model.
     *
     * @param m the models
     * @return paying learners at the end
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double fiveYearDailySimulation(Models m) {
        return m.model.simulate(TimeStep.DAY, TimeStep.DAY.stepsIn(5)).last(Stock.PAYING_LEARNERS);
    }

    /**
     * 10,000 Monte Carlo runs of five years with six uncertain parameters.
     *
     * @param m the models
     * @return the median paying learners at the end
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double monteCarlo10k(Models m) {
        MonteCarloResult r = m.monteCarlo.run();
        return r.metricPercentile(50);
    }
}
