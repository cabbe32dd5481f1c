package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Companion to the JMH benchmarks for a machine shared with other work: measures CPU time, which does not grow
 * while the process waits for a core. Prints ALS training wall and process CPU time (the same workload as
 * {@link AlsTrainingBenchmark}) and the per-call thread CPU time percentiles of top-10 (the workload of
 * {@link TopTenLatencyBenchmark}).
 */
public final class CpuTimeReport {
    private CpuTimeReport() {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Runs the report.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        InteractionMatrix ml = BenchData.matrix(BenchData.pairs(943, 1682, 100_000, 7), List.of());
        AlsSettings settings = new AlsSettings(64, 15, 1, 5, 3, 2, 42);
        System.out.println("als_training_run,wall_ms,process_cpu_ms");
        for (int run = 0; run < 7; run++) {
            long wall = System.nanoTime();
            long cpu = processCpuNanos();
            Recommenders.als(ml, List.of(), settings);
            System.out.printf("%s%d,%d,%d%n", run < 2 ? "warmup" : "run", run, (System.nanoTime() - wall) / 1_000_000,
                    (processCpuNanos() - cpu) / 1_000_000);
        }

        List<CourseInfo> catalogue = BenchData.catalogue(10_000);
        InteractionMatrix big = BenchData.matrix(BenchData.pairs(20_000, 10_000, 1_000_000, 11), catalogue);
        AlsSettings als = new AlsSettings(64, 5, 1, 5, 3, 2, 42);
        Recommender alsModel = Recommenders.als(big, catalogue, als);
        Recommender knn = Recommenders.itemKnn(big, catalogue, 100, 10);
        Recommender content = Recommenders.content(big, catalogue);
        Map<Recommender, Double> parts = new LinkedHashMap<>();
        parts.put(alsModel, 1.0);
        parts.put(knn, 1.0);
        parts.put(content, 0.2);
        Recommender pop = Recommenders.popularity(big, catalogue, Duration.ofDays(30), Instant.parse("2026-01-01T00:00:00Z"));
        Recommender hybrid = Recommenders.hybrid(big, catalogue, parts, pop, content, 3, Duration.ofDays(30));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("model,calls,cpu_us_p50,cpu_us_p99,cpu_us_p999,wall_us_p50,wall_us_p99");
        for (Recommender r : List.of(alsModel, knn, hybrid)) {
            int calls = 20_000;
            for (int i = 0; i < 5_000; i++) {
                r.recommend(big.learnerId((i * 7919) % big.learnerCount()), 10);
            }
            long[] cpu = new long[calls];
            long[] wall = new long[calls];
            for (int i = 0; i < calls; i++) {
                String learner = big.learnerId((i * 7919 + 13) % big.learnerCount());
                long w = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                r.recommend(learner, 10);
                cpu[i] = threads.getCurrentThreadCpuTime() - c;
                wall[i] = System.nanoTime() - w;
            }
            Arrays.sort(cpu);
            Arrays.sort(wall);
            System.out.printf("%s,%d,%.0f,%.0f,%.0f,%.0f,%.0f%n", r.name(), calls, cpu[calls / 2] / 1e3,
                    cpu[(int) (calls * 0.99)] / 1e3, cpu[(int) (calls * 0.999)] / 1e3, wall[calls / 2] / 1e3,
                    wall[(int) (calls * 0.99)] / 1e3);
        }
    }
}
