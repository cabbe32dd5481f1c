package io.learnloop.benchmarks.jdbc;

import java.util.Arrays;

/**
 * Times one operation by repetition, after a warm-up, and keeps the median and the 95th percentile.
 *
 * <p>Not thread-safe.
 */
final class Latency {
    /** One repetition; {@code prepare} runs untimed before it. */
    interface Operation {
        void run(int repetition) throws Exception;
    }

    /** What a repetition needs made first, outside the measurement. */
    interface Preparation {
        void prepare(int repetition) throws Exception;
    }

    final double medianMicros;
    final double p95Micros;

    private Latency(double medianMicros, double p95Micros) {
        this.medianMicros = medianMicros;
        this.p95Micros = p95Micros;
    }

    static Latency measure(int warmUp, int repetitions, Preparation prepare, Operation op) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            prepare.prepare(i);
            op.run(i);
        }
        long[] nanos = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
            prepare.prepare(warmUp + i);
            long start = System.nanoTime();
            op.run(warmUp + i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Latency(nanos[repetitions / 2] / 1e3, nanos[(int) Math.ceil(repetitions * 0.95) - 1] / 1e3);
    }

    static Latency measure(int warmUp, int repetitions, Operation op) throws Exception {
        return measure(warmUp, repetitions, i -> { }, op);
    }
}
