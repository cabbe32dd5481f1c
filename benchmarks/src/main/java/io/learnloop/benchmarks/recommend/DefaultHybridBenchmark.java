package io.learnloop.benchmarks.recommend;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.SyntheticGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Training plus a top-10 list for every learner, for a catalogue of 1,000 courses and 100,000 interactions
 * (10,000 learners) of {@link SyntheticGenerator}'s course-catalogue shape: the default hybrid ({@link Recommenders#defaultHybrid}: validation split, parts trained twice,
 * weights searched, kept parts retrained) against the bare algorithm of its strongest part, EASE written directly on
 * arrays ({@link BareEase}), measured in the same run. Single-shot, so each iteration is one whole cold job.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DefaultHybridBenchmark {
    /** Courses in the catalogue. */
    public static final int COURSES = 1_000;
    /** Distinct learner-course pairs. */
    public static final int INTERACTIONS = 100_000;
    /** Learners. */
    public static final int LEARNERS = 10_000;

    private List<CourseInfo> catalogue;
    private InteractionMatrix matrix;

    /**
     * The synthetic course catalogue (topics, series, bilingual titles; {@link SyntheticGenerator}) with
     * {@link #LEARNERS} learners taking 13 courses each on average (about {@link #INTERACTIONS} distinct pairs).
     *
     * @return the data set
     */
    static Dataset data() {
        return SyntheticGenerator.generate(LEARNERS, COURSES, 13, 17);
    }

    /** Generates the data once; it is not part of the measured work. */
    @Setup(Level.Trial)
    public void setUp() {
        Dataset data = data();
        catalogue = data.courses();
        matrix = InteractionMatrix.builder().courses(catalogue).addAll(data.interactions()).build();
    }

    /**
     * Fits the default hybrid and ranks ten courses for every learner.
     *
     * @return the number of recommendations made, so nothing is optimised away
     */
    @Benchmark
    public long defaultHybrid() {
        Recommender model = Recommenders.defaultHybrid(matrix, catalogue, Instant.parse("2026-01-01T00:00:00Z"));
        // The model is thread-safe: a batch job ranks learners on every core, as the fit itself does.
        return IntStream.range(0, matrix.learnerCount()).parallel()
                .mapToLong(u -> model.recommend(matrix.learnerId(u), 10).size()).sum();
    }

    /**
     * The baseline: bare EASE on arrays, trained once and ranking ten courses for every learner.
     *
     * @return the number of recommendations made
     */
    @Benchmark
    public long bareEase() {
        int[][] rows = new int[matrix.learnerCount()][];
        for (int u = 0; u < rows.length; u++) {
            LearnerHistory h = matrix.history(u);
            rows[u] = new int[h.size()];
            for (int p = 0; p < h.size(); p++) {
                rows[u][p] = h.course(p);
            }
        }
        BareEase ease = BareEase.train(rows, matrix.courseCount(), 250);
        return Arrays.stream(rows).parallel().mapToLong(row -> ease.topK(row, 10).length).sum();
    }
}
