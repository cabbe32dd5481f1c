package io.learnloop.benchmarks.growth;

import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.MonteCarlo;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.ParameterRange;
import io.learnloop.growth.Parameters;
import io.learnloop.growth.Stock;
import io.learnloop.growth.TimeStep;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * CPU time, not wall time, of the two growth benchmarks' operations: on a shared machine wall time measures the
 * other processes as much as the code, while CPU time is what the code itself consumes. Thread CPU time for the
 * simulation; CPU time of the whole process (both worker threads) for the Monte Carlo analysis, whose wall time on
 * an idle machine with two cores is about half of it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.learnloop.benchmarks.growth.GrowthCpuCost</pre>
 */
public final class GrowthCpuCost {
    private GrowthCpuCost() {
    }

    /**
     * Measures and prints.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        GrowthModel model = GrowthModel.defaults();
        double sink = 0;
        for (int round = 0; round < 3; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            int n = 2_000;
            for (int i = 0; i < n; i++) {
                sink += model.simulate(TimeStep.DAY, TimeStep.DAY.stepsIn(5)).last(Stock.PAYING_LEARNERS);
            }
            double perRun = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n;
            System.out.println(String.format(Locale.ROOT, "round %d: five-year daily simulation %.3f ms CPU per run", round, perRun));
        }
        Parameters p = model.parameters();
        MonteCarlo.Builder b = MonteCarlo.builder(model).horizon(TimeStep.WEEK, TimeStep.WEEK.stepsIn(5))
                .runs(10_000).seed(42).threads(2).sampleEvery(4);
        for (Parameter uncertain : List.of(Parameter.K_FACTOR, Parameter.CONVERSION_RATE, Parameter.FREE_CHURN_RATE,
                Parameter.PAID_CHURN_RATE, Parameter.LEARNING_EFFICIENCY, Parameter.PRICE_ELASTICITY)) {
            b.range(ParameterRange.around(uncertain, p.get(uncertain), 0.3));
        }
        MonteCarlo monteCarlo = b.build();
        for (int round = 0; round < 3; round++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            sink += monteCarlo.run().metricPercentile(50);
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "round %d: 10,000 Monte Carlo runs %.2f s CPU (%.2f s per core of 2), %.2f s wall", round, cpuSeconds,
                    cpuSeconds / 2, wallSeconds));
        }
        System.out.println(String.format(Locale.ROOT, "(checksum %.0f)", sink));
    }
}
