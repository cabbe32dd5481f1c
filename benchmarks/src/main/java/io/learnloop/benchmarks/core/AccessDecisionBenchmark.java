package io.learnloop.benchmarks.core;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Access decisions on the in-memory store: 10,000 published courses (4 lessons each, the first a free preview) and
 * 100,000 learners holding two purchases each, every tenth learner also a membership covering one category. Half
 * of the queries ask about a course the learner bought, the other half about a random lesson, so every outcome
 * (purchased, membership, free preview, not entitled) is exercised. Learners ask uniformly or Zipf-distributed
 * (see {@link #learnerMix}). One thread, so the figure is per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AccessDecisionBenchmark {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final int LESSONS_PER_COURSE = 4;
    private static final int CATEGORIES = 20;
    private static final int QUERIES = 1 << 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Number of courses. */
    @Param("10000")
    public int courses;

    /** Number of learners. */
    @Param("100000")
    public int learners;

    /**
     * Which learners ask: {@code uniform} picks any learner with equal chance (every lookup misses the CPU caches);
     * {@code zipf} picks the learner of rank k with weight 1/k, as active learners make most requests.
     */
    @Param({"uniform", "zipf"})
    public String learnerMix;

    private AccessService access;
    private UserId[] queryLearners;
    private LessonId[] queryLessons;
    private CourseId[] queryCourses;
    private int next;
    private long cpuAtStart;
    private int opsAtStart;

    /** Notes the thread's CPU time, so each iteration can also report decisions per CPU-second. */
    @Setup(Level.Iteration)
    public void startIteration() {
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
        opsAtStart = next;
    }

    /**
     * Prints decisions per CPU-second of the benchmark thread: on a shared machine the wall-clock score falls with
     * the load of other processes, this figure much less.
     */
    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        long ops = (next - opsAtStart) & 0xffffffffL;
        if (cpu > 0) {
            System.out.printf(" [%,.0f ops per CPU-second]", ops * 1e9 / cpu);
        }
    }

    /** Builds the catalogue and the ledger through the public services. */
    @Setup(Level.Trial)
    public void setUp() {
        Learnloop learnloop = Learnloop.builder()
                .store(Stores.inMemory())
                .clock(Clock.fixed(NOW.minus(Duration.ofDays(10)), ZoneOffset.UTC))
                .idGenerator(IdGenerator.sequential("b"))
                .build();
        CatalogService catalog = learnloop.catalog();
        access = learnloop.access();
        Actor creator = Actor.of("creator", Role.CREATOR);
        // the ledger's grants as an admin records them: the benchmark measures decisions, not payments
        Actor admin = Actor.of("admin", Role.ADMIN);
        Actor reviewer = Actor.of("reviewer", Role.REVIEWER);
        CourseId[] courseIds = new CourseId[courses];
        LessonId[][] lessons = new LessonId[courses][];
        for (int c = 0; c < courses; c++) {
            Course course = catalog.createCourse(creator, new CourseDetails("Course " + c, null, null, "en",
                    "category-" + (c % CATEGORIES), List.of(), CourseLevel.ALL_LEVELS, null));
            Chapter chapter = catalog.addChapter(creator, course.id(), "Chapter");
            lessons[c] = new LessonId[LESSONS_PER_COURSE];
            for (int l = 0; l < LESSONS_PER_COURSE; l++) {
                lessons[c][l] = catalog.addLesson(creator, course.id(), chapter.id(), new LessonSpec("Lesson " + l,
                        LessonType.VIDEO, Duration.ofMinutes(10), l == 0, "media://" + c + "/" + l)).id();
            }
            catalog.submit(creator, course.id());
            catalog.approve(reviewer, course.id());
            courseIds[c] = course.id();
        }
        SplittableRandom random = new SplittableRandom(42);
        int[][] owned = new int[learners][2];
        Instant start = NOW.minus(Duration.ofDays(5));
        for (int u = 0; u < learners; u++) {
            UserId learner = UserId.of("learner-" + u);
            for (int k = 0; k < 2; k++) {
                owned[u][k] = random.nextInt(courses);
                access.grant(admin, GrantRequest.purchase(learner, OrderId.of("order-" + u), "line-" + k,
                        List.of(courseIds[owned[u][k]]), start, null));
            }
            if (u % 10 == 0) {
                access.grant(admin, GrantRequest.membership(learner, OfferId.of("plan"), List.of(),
                        List.of("category-" + random.nextInt(CATEGORIES)), start, NOW.plus(Duration.ofDays(25))));
            }
        }
        queryLearners = new UserId[QUERIES];
        queryLessons = new LessonId[QUERIES];
        queryCourses = new CourseId[QUERIES];
        int[] byRank = shuffled(learners, random);
        double[] zipf = zipfCumulative(learners);
        for (int q = 0; q < QUERIES; q++) {
            int u = "zipf".equals(learnerMix) ? byRank[rank(zipf, random.nextDouble())] : random.nextInt(learners);
            int c = q % 2 == 0 ? owned[u][random.nextInt(2)] : random.nextInt(courses);
            queryLearners[q] = UserId.of("learner-" + u);
            queryLessons[q] = lessons[c][random.nextInt(LESSONS_PER_COURSE)];
            queryCourses[q] = courseIds[c];
        }
        List<String> outcomes = new ArrayList<>();
        for (int q = 0; q < 8; q++) {
            outcomes.add(access.decide(queryLearners[q], queryLessons[q], NOW).reason().name());
        }
        if (outcomes.stream().distinct().count() < 2) {
            throw new IllegalStateException("The query mix is degenerate: " + outcomes);
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static double[] zipfCumulative(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    private static int rank(double[] cumulative, double u) {
        int i = java.util.Arrays.binarySearch(cumulative, u);
        return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
    }

    /**
     * One lesson-level decision.
     *
     * @return the decision
     */
    @Benchmark
    public AccessDecision decideLesson() {
        int q = next++ & (QUERIES - 1);
        return access.decide(queryLearners[q], queryLessons[q], NOW);
    }

    /**
     * One course-level check.
     *
     * @return whether the learner is entitled
     */
    @Benchmark
    public boolean hasAccess() {
        int q = next++ & (QUERIES - 1);
        return access.hasAccess(queryLearners[q], queryCourses[q], NOW);
    }
}
