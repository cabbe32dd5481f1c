package io.learnloop.benchmarks.learning;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures progress ingestion per CPU-second rather than per wall-second, for machines too busy for JMH's wall-clock
 * figures to say anything about one core: it runs {@link ProgressIngestionBenchmark#reportTenSegments()} in rounds
 * and divides the segments by the thread's CPU time and by the whole process's CPU time (which adds garbage
 * collection and compilation).
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.learnloop.benchmarks.learning.ProgressCpuTime}</pre>
 */
public final class ProgressCpuTime {
    private static final int REPORTS = 200_000;
    private static final int ROUNDS = 5;

    private ProgressCpuTime() {
    }

    /**
     * Runs the rounds and prints one line per round.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        ProgressIngestionBenchmark benchmark = new ProgressIngestionBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= ROUNDS; round++) {
            long thread0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < REPORTS; i++) {
                benchmark.reportTenSegments();
            }
            double segments = REPORTS * 10.0;
            double thread = (threads.getCurrentThreadCpuTime() - thread0) / 1e9;
            double process = (os.getProcessCpuTime() - process0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf("round %d: %,.0f segments per thread-CPU-second, %,.0f per process-CPU-second,"
                    + " %,.0f per wall-second%n", round, segments / thread, segments / process, segments / wall);
        }
    }
}
