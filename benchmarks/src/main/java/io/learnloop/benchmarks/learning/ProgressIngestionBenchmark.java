package io.learnloop.benchmarks.learning;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.SpanSet;
import io.learnloop.core.learning.ProgressPolicy;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Progress ingestion in memory, reported per segment: each operation is one segment of a 10-segment report through
 * {@link ProgressService#report} (validation, clipping, plausibility budget, union, store round trip), and the
 * interval union alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProgressIngestionBenchmark {
    private static final int SEGMENTS = 10;
    private static final int LEARNERS = 1_000;
    private static final int LESSONS = 20;
    private static final int LENGTH = 3_600;

    private ProgressService progress;
    private BenchCatalog catalog;
    private List<UserId> learners;
    private Instant base;
    private long tick;
    private SplittableRandom random;
    private long[] spans;

    @Setup
    public void setUp() {
        base = Instant.parse("2026-01-01T00:00:00Z");
        Learnloop learnloop = Learnloop.builder()
                .clock(Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC))
                .build();
        catalog = new BenchCatalog(LESSONS, Duration.ofSeconds(LENGTH));
        progress = ProgressService.create(learnloop.context(), catalog, ProgressPolicy.defaults());
        learners = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            learners.add(UserId.of("learner-" + i));
        }
        random = new SplittableRandom(42);
        spans = new long[SEGMENTS * 2];
        for (int i = 0; i < SEGMENTS; i++) {
            long from = random.nextLong(LENGTH * 1000L);
            spans[2 * i] = from;
            spans[2 * i + 1] = from + 1 + random.nextLong(30_000);
        }
    }

    /** One 10-segment report: ten seconds of playback in one-second pieces, with a seek every few pieces. */
    @Benchmark
    @OperationsPerInvocation(SEGMENTS)
    public ProgressUpdate reportTenSegments() {
        long t = tick++;
        UserId learner = learners.get((int) (t % LEARNERS));
        int lesson = (int) ((t / LEARNERS) % LESSONS);
        double start = random.nextInt(LENGTH - 20);
        List<WatchedSegment> segments = new ArrayList<>(SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            double from = i % 4 == 3 ? random.nextInt(LENGTH - 2) : start + i;
            segments.add(WatchedSegment.of(from, from + 1));
        }
        // each learner's device reports every 10 s of wall-clock time
        Instant at = base.plusSeconds(10 * (t / LEARNERS + 1));
        return progress.report(new WatchReport(learner, catalog.lesson(lesson), "web", at, segments));
    }

    /** The interval union alone: ten segments into a lesson's covered set. */
    @Benchmark
    @OperationsPerInvocation(SEGMENTS)
    public long unionTenSegments() {
        SpanSet set = new SpanSet();
        for (int i = 0; i < SEGMENTS; i++) {
            set.add(spans[2 * i], spans[2 * i + 1]);
        }
        return set.measure();
    }
}
