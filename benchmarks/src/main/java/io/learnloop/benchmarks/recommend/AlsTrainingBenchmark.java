package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;
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
 * ALS training on the MovieLens-100K shape: 943 learners x 1,682 courses, 100,000 distinct interactions, 64 factors,
 * 15 sweeps, 2 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AlsTrainingBenchmark {
    @Param({"2"})
    public int threads;

    private InteractionMatrix matrix;

    /** Builds the matrix once. */
    @Setup
    public void setUp() {
        matrix = BenchData.matrix(BenchData.pairs(943, 1682, 100_000, 7), List.of());
    }

    /**
     * Trains one model.
     *
     * @return the model
     */
    @Benchmark
    public Recommender train() {
        return Recommenders.als(matrix, List.of(), new AlsSettings(64, 15, 1, 5, 3, threads, 42));
    }
}
