package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.HybridFit;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.data.Dataset;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

/**
 * Companion to {@link DefaultHybridBenchmark} for a machine shared with other work: runs the same two jobs (the
 * default hybrid fitted and asked for every learner's top 10; bare EASE doing the same) and prints wall time and
 * process CPU time of each run, which does not grow while the process waits for a core, and the fitted model's own
 * memory.
 */
public final class DefaultHybridCpuReport {
    private DefaultHybridCpuReport() {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Runs the report.
     *
     * @param args optional: runs after two warm-ups (default 5)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        DefaultHybridBenchmark bench = new DefaultHybridBenchmark();
        bench.setUp();
        System.out.println("job,run,wall_ms,process_cpu_ms");
        for (int run = 0; run < runs + 2; run++) {
            for (String job : List.of("bare-ease", "default-hybrid")) {
                long wall = System.nanoTime();
                long cpu = processCpuNanos();
                long made = job.equals("bare-ease") ? bench.bareEase() : bench.defaultHybrid();
                System.out.printf("%s,%s%d,%d,%d%s%n", job, run < 2 ? "warmup" : "run", run,
                        (System.nanoTime() - wall) / 1_000_000, (processCpuNanos() - cpu) / 1_000_000,
                        made > 0 ? "" : ",none");
            }
        }
        Dataset data = DefaultHybridBenchmark.data();
        List<CourseInfo> catalogue = data.courses();
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(data.interactions()).build();
        HybridFit fit = Recommenders.fitHybrid(matrix, catalogue, RecommenderSettings.defaults(),
                Instant.parse("2026-01-01T00:00:00Z"));
        System.out.printf("%,d learners, %,d courses, %,d learner-course pairs%n", matrix.learnerCount(),
                matrix.courseCount(), matrix.nonZeros());
        System.out.printf("fitted weights %s, recency %s, validation nDCG %.4f, parts %s%n", fit.weights(),
                fit.recencyHalfLife(), fit.validationNdcg(), fit.partNdcg());
        for (ModelKind kind : RecommenderSettings.defaults().hybrid().parts()) {
            long cpu = processCpuNanos();
            Recommenders.train(kind, matrix, catalogue, RecommenderSettings.defaults(), Instant.parse("2026-01-01T00:00:00Z"));
            System.out.printf("train %s alone on the whole matrix: %d ms CPU%n", kind.modelName(),
                    (processCpuNanos() - cpu) / 1_000_000);
        }
        System.out.printf("model memory (its parts' arrays) %,d bytes; interaction matrix %,d bytes%n",
                fit.model().memoryBytes(), matrix.memoryBytes());
    }
}
