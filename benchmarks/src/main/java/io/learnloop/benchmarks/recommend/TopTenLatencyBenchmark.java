package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Top-10 for one learner, uncached, with a 10,000-course catalogue and 1,000,000 interactions (20,000 learners).
 * Sample mode, so JMH reports p50, p99 and p99.9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TopTenLatencyBenchmark {
    @Param({"als", "item-knn", "hybrid"})
    public String model;

    private Recommender recommender;
    private String[] learners;
    private int next;

    /** Trains the chosen model once. */
    @Setup(Level.Trial)
    public void setUp() {
        List<CourseInfo> catalogue = BenchData.catalogue(10_000);
        InteractionMatrix matrix = BenchData.matrix(BenchData.pairs(20_000, 10_000, 1_000_000, 11), catalogue);
        AlsSettings als = new AlsSettings(64, 5, 1, 5, 3, 2, 42);
        recommender = switch (model) {
            case "als" -> Recommenders.als(matrix, catalogue, als);
            case "item-knn" -> Recommenders.itemKnn(matrix, catalogue, 100, 10);
            default -> {
                Map<Recommender, Double> parts = new LinkedHashMap<>();
                parts.put(Recommenders.als(matrix, catalogue, als), 1.0);
                parts.put(Recommenders.itemKnn(matrix, catalogue, 100, 10), 1.0);
                Recommender content = Recommenders.content(matrix, catalogue);
                parts.put(content, 0.2);
                Recommender pop = Recommenders.popularity(matrix, catalogue, Duration.ofDays(30),
                        Instant.parse("2026-01-01T00:00:00Z"));
                yield Recommenders.hybrid(matrix, catalogue, parts, pop, content, 3, Duration.ofDays(30));
            }
        };
        learners = new String[matrix.learnerCount()];
        for (int u = 0; u < learners.length; u++) {
            learners[u] = matrix.learnerId(u);
        }
    }

    /**
     * Recommends ten courses for the next learner in turn.
     *
     * @return the recommendations
     */
    @Benchmark
    public List<Recommendation> topTen() {
        String learner = learners[next];
        next = (next + 7919) % learners.length;
        return recommender.recommend(learner, 10);
    }
}
