package io.learnloop.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
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
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
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

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An access decision on PostgreSQL against the cheapest read a database can serve: the platform (published courses
 * of two lessons each, learners holding one purchase each) is built through the public services, then
 * {@code decideLesson} asks {@link AccessService#decide} about a lesson of a random (learner, course) the learner
 * bought, and {@code rawPrimaryKeyRead} reads the one row of the same (learner, course) from a purpose-made table
 * keyed by both, through the same pool, in the same run. The target is a decision within 1.5 times the raw read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class AccessOnPostgresBenchmark {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final int QUERIES = 1 << 14;
    private static final int GROWERS = 2;

    /** Number of courses. */
    @Param("2000")
    public int courses;

    /** Number of learners, each holding one purchase. */
    @Param("20000")
    public int learners;

    private BenchDatabase database;
    private HikariDataSource pool;
    private AccessService access;
    private UserId[] queryLearners;
    private LessonId[] queryLessons;
    private String[] queryCourses;
    private int next;

    /** Builds the catalogue and the grants through the public services, and the raw table beside them. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        database = BenchDatabase.open("POSTGRESQL", 4);
        pool = database.pool;
        Learnloop learnloop = Learnloop.builder().store(database.store)
                .clock(Clock.fixed(NOW.minus(Duration.ofDays(10)), ZoneOffset.UTC))
                .idGenerator(IdGenerator.randomUuids()).build();
        access = learnloop.access();
        CourseId[] courseIds = new CourseId[courses];
        LessonId[][] lessons = new LessonId[courses][];
        parallel(courses, c -> publish(learnloop.catalog(), c, courseIds, lessons));
        int[] owned = new int[learners];
        SplittableRandom random = new SplittableRandom(42);
        for (int u = 0; u < learners; u++) {
            owned[u] = random.nextInt(courses);
        }
        // grants as an admin records them: the benchmark measures decisions, not payments
        Actor admin = Actor.of("admin", Role.ADMIN);
        Instant start = NOW.minus(Duration.ofDays(5));
        parallel(learners, u -> access.grant(admin, GrantRequest.purchase(UserId.of("learner-" + u),
                OrderId.of("order-" + u), "line-1", List.of(courseIds[owned[u]]), start, null)));
        createRawTable(owned, courseIds, start);
        queryLearners = new UserId[QUERIES];
        queryLessons = new LessonId[QUERIES];
        queryCourses = new String[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            int u = random.nextInt(learners);
            queryLearners[q] = UserId.of("learner-" + u);
            queryLessons[q] = lessons[owned[u]][random.nextInt(lessons[owned[u]].length)];
            queryCourses[q] = courseIds[owned[u]].value();
        }
        if (!access.decide(queryLearners[0], queryLessons[0], NOW).allowed()) {
            throw new IllegalStateException("a bought lesson was refused");
        }
    }

    private static void publish(CatalogService catalog, int c, CourseId[] ids, LessonId[][] lessons) {
        Actor creator = Actor.of("creator-" + (c % 50), Role.CREATOR);
        Course course = catalog.createCourse(creator, new CourseDetails("Course " + c, null, null, "en",
                "category-" + (c % 20), List.of(), CourseLevel.ALL_LEVELS, null));
        Chapter chapter = catalog.addChapter(creator, course.id(), "Chapter");
        lessons[c] = new LessonId[2];
        for (int l = 0; l < 2; l++) {
            lessons[c][l] = catalog.addLesson(creator, course.id(), chapter.id(), new LessonSpec("Lesson " + l,
                    LessonType.VIDEO, Duration.ofMinutes(10), false, "media://" + c + "/" + l)).id();
        }
        catalog.submit(creator, course.id());
        catalog.approve(Actor.of("reviewer", Role.REVIEWER), course.id());
        ids[c] = course.id();
    }

    /** Runs {@code task} for 0..n-1 on a few threads: setting up over one connection at a time takes minutes. */
    private static void parallel(int n, java.util.function.IntConsumer task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(GROWERS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < GROWERS; t++) {
                int first = t;
                work.add(threads.submit(() -> {
                    for (int i = first; i < n; i += GROWERS) {
                        task.accept(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void createRawTable(int[] owned, CourseId[] courseIds, Instant start) throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE raw_access (learner TEXT NOT NULL, course TEXT NOT NULL, starts_at "
                        + "TIMESTAMPTZ NOT NULL, ends_at TIMESTAMPTZ, revoked BOOLEAN NOT NULL, "
                        + "PRIMARY KEY (learner, course))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw_access VALUES (?, ?, ?, NULL, FALSE)")) {
                for (int u = 0; u < owned.length; u++) {
                    ps.setString(1, "learner-" + u);
                    ps.setString(2, courseIds[owned[u]].value());
                    ps.setTimestamp(3, Timestamp.from(start));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        database.close();
    }

    /**
     * A lesson-level decision for a lesson the learner bought.
     *
     * @return the decision
     */
    @Benchmark
    public AccessDecision decideLesson() {
        int q = next++ & (QUERIES - 1);
        return access.decide(queryLearners[q], queryLessons[q], NOW);
    }

    /**
     * The baseline: one row by its primary key, over a pooled connection, as the store reads.
     *
     * @return whether the row was found
     * @throws SQLException if the read fails
     */
    @Benchmark
    public boolean rawPrimaryKeyRead() throws SQLException {
        int q = next++ & (QUERIES - 1);
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT starts_at, ends_at, revoked FROM raw_access "
                     + "WHERE learner = ? AND course = ?")) {
            ps.setString(1, queryLearners[q].value());
            ps.setString(2, queryCourses[q]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(3);
            }
        }
    }
}
