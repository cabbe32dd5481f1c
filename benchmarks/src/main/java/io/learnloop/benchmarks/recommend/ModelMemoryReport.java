package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Prints the memory of the latency benchmark's models (10,000 courses, 1,000,000 interactions): the size each model
 * reports and the heap growth measured around building it.
 */
public final class ModelMemoryReport {
    private ModelMemoryReport() {
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Runs the report.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        List<CourseInfo> catalogue = BenchData.catalogue(10_000);
        List<Interaction> pairs = BenchData.pairs(20_000, 10_000, 1_000_000, 11);
        long before = used();
        InteractionMatrix matrix = BenchData.matrix(pairs, catalogue);
        long afterMatrix = used();
        System.out.printf("component,reported_bytes,measured_heap_bytes%n");
        System.out.printf("matrix,%d,%d%n", matrix.memoryBytes(), afterMatrix - before);
        report("als-64", () -> Recommenders.als(matrix, catalogue, new AlsSettings(64, 3, 1, 5, 3, 2, 42)));
        report("item-knn-100", () -> Recommenders.itemKnn(matrix, catalogue, 100, 10));
        report("content", () -> Recommenders.content(matrix, catalogue));
        report("popularity", () -> Recommenders.popularity(matrix, catalogue, Duration.ofDays(30), Instant.EPOCH));
        List<Interaction> small = BenchData.pairs(943, 1682, 100_000, 7);
        InteractionMatrix ml = BenchData.matrix(small, List.of());
        report("ease-1682-courses", () -> Recommenders.ease(ml, List.of(), 250));
    }

    private static void report(String name, java.util.function.Supplier<Recommender> build) {
        long before = used();
        Recommender r = build.get();
        long after = used();
        System.out.printf("%s,%d,%d%n", name, r.memoryBytes(), after - before);
    }
}
