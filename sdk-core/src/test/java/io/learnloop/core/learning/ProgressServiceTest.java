package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressServiceTest {
    private static final UserId ANA = UserId.of("ana");
    private static final LessonId INTRO = LessonId.of("intro");

    private LearningFixture fx;
    private ProgressService progress;

    @BeforeEach
    void setUp() {
        fx = new LearningFixture();
        fx.catalog.video("c1", "intro", 600);
        fx.catalog.video("c1", "second", 300);
        fx.catalog.add("c1", "reading", LessonKind.ARTICLE, Duration.ofMinutes(4), false);
        progress = fx.progress();
    }

    private WatchReport report(String device, Duration after, WatchedSegment... segments) {
        return new WatchReport(ANA, INTRO, device, LearningFixture.START.plus(after), List.of(segments));
    }

    private ProgressUpdate watch(String device, int atSecond, double from, double to) {
        fx.clock.set(LearningFixture.START.plusSeconds(atSecond));
        return progress.report(report(device, Duration.ofSeconds(atSecond), WatchedSegment.of(from, to)));
    }

    @Test
    void report_whenSeekingToTheEnd_doesNotComplete() {
        ProgressUpdate seek = watch("web", 5, 590, 600);
        assertThat(seek.covered()).isEqualTo(Duration.ofSeconds(10));
        assertThat(seek.lessonCompleted()).isFalse();

        // claims the whole lesson 10 s later: at most 2 x 10 s of new coverage is believed
        ProgressUpdate claim = watch("web", 15, 0, 600);
        assertThat(claim.accepted()).isEqualTo(Duration.ofSeconds(20));
        assertThat(claim.refused()).isEqualTo(Duration.ofSeconds(570));
        assertThat(claim.covered()).isEqualTo(Duration.ofSeconds(30));
        assertThat(claim.lessonCompleted()).isFalse();
        assertThat(fx.events(EventTypes.LESSON_COMPLETED)).isEmpty();
    }

    @Test
    void report_whenFirstReportClaimsMoreThanTheAllowance_refusesTheExcess() {
        ProgressUpdate u = watch("web", 0, 0, 600);
        assertThat(u.accepted()).isEqualTo(Duration.ofSeconds(60));
        assertThat(u.refused()).isEqualTo(Duration.ofSeconds(540));
    }

    @Test
    void report_whenWatchedHonestly_completesAtNinetyPercentAndEmitsOnce() {
        int t = 0;
        ProgressUpdate last = null;
        for (int from = 0; from < 540; from += 30) {
            t += 30;
            last = watch("web", t, from, from + 30);
            if (from + 30 < 540) {
                assertThat(last.lessonCompleted()).as("at %d s", from + 30).isFalse();
            }
        }
        assertThat(last.covered()).isEqualTo(Duration.ofSeconds(540));
        assertThat(last.lessonCompleted()).isTrue();
        assertThat(last.newlyCompleted()).isTrue();
        ProgressUpdate again = watch("web", t + 30, 540, 570);
        assertThat(again.newlyCompleted()).isFalse();
        watch("phone", t + 40, 0, 10);

        assertThat(fx.events(EventTypes.LESSON_COMPLETED)).hasSize(1)
                .allSatisfy(e -> {
                    assertThat(e.get("learnerId")).isEqualTo("ana");
                    assertThat(e.get("lessonId")).isEqualTo("intro");
                    assertThat(e.get("courseId")).isEqualTo("c1");
                });
        assertThat(last.courseCompletion().percent()).isEqualTo(33);
    }

    @Test
    void report_whenSegmentsRunPastTheEnd_clipsThem() {
        watch("web", 0, 0, 30);
        ProgressUpdate u = watch("web", 60, 580, 700);
        assertThat(u.accepted()).isEqualTo(Duration.ofSeconds(20));
        assertThat(u.refused()).isZero();
        assertThat(progress.lessonProgress(ANA, INTRO).orElseThrow().spans())
                .containsExactly(new Span(0, 30_000), new Span(580_000, 600_000));
    }

    @Test
    void report_whenSegmentsOverlap_countsCoverageOnce() {
        watch("web", 30, 0, 30);
        ProgressUpdate u = watch("web", 60, 10, 40);
        assertThat(u.accepted()).isEqualTo(Duration.ofSeconds(10));
        assertThat(u.covered()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void report_whenPlayedFast_creditsWallClockTime() {
        fx.clock.set(LearningFixture.START.plusSeconds(20));
        progress.report(report("web", Duration.ofSeconds(20), new WatchedSegment(0, 40, 2.0)));
        LessonProgress p = progress.lessonProgress(ANA, INTRO).orElseThrow();
        assertThat(p.coveredMillis()).isEqualTo(40_000);
        assertThat(p.timeSpentMillis()).isEqualTo(20_000);
    }

    @Test
    void resumePosition_whenReported_followsTheLatestReport() {
        watch("web", 30, 0, 30);
        watch("phone", 40, 100, 110);
        assertThat(progress.resumePosition(ANA, INTRO)).isEqualTo(Duration.ofSeconds(110));
        // a late report from an older point in time does not move the resume position back
        fx.clock.set(LearningFixture.START.plusSeconds(50));
        progress.report(report("tv", Duration.ofSeconds(35), WatchedSegment.of(200, 210)));
        assertThat(progress.resumePosition(ANA, INTRO)).isEqualTo(Duration.ofSeconds(110));
        assertThat(progress.resumePosition(ANA, LessonId.of("second"))).isZero();
    }

    @Test
    void courseCompletion_whenEveryLessonIsDone_emitsCourseCompletedOnce() {
        fx.clock.set(LearningFixture.START);
        progress.openArticle(ANA, LessonId.of("reading"));
        int t = 0;
        for (String lesson : List.of("intro", "second")) {
            int length = lesson.equals("intro") ? 600 : 300;
            for (int from = 0; from < length; from += 60) {
                t += 30;
                fx.clock.set(LearningFixture.START.plusSeconds(t));
                progress.report(new WatchReport(ANA, LessonId.of(lesson), "web", fx.clock.instant(),
                        List.of(WatchedSegment.of(from, from + 60))));
            }
        }
        assertThat(progress.courseCompletion(ANA, CourseId.of("c1")).percent()).isEqualTo(66);
        assertThat(fx.events(EventTypes.COURSE_COMPLETED)).isEmpty();
        ProgressUpdate read = progress.markRead(ANA, LessonId.of("reading"));
        assertThat(read.newlyCompleted()).isTrue();
        assertThat(read.courseCompletion().completed()).isTrue();
        assertThat(read.courseCompletion().percent()).isEqualTo(100);
        progress.markRead(ANA, LessonId.of("reading"));
        assertThat(fx.events(EventTypes.COURSE_COMPLETED)).hasSize(1);
        assertThat(fx.events(EventTypes.LESSON_COMPLETED)).hasSize(3);
    }

    @Test
    void courseCompletion_whenSomeLessonsAreRequired_needsOnlyThose() {
        LearningFixture f = new LearningFixture();
        f.catalog.add("c2", "core", LessonKind.VIDEO, Duration.ofSeconds(60), true);
        f.catalog.add("c2", "bonus", LessonKind.VIDEO, Duration.ofSeconds(60), false);
        ProgressService p = f.progress();
        f.clock.advance(Duration.ofSeconds(30));
        ProgressUpdate u = p.report(new WatchReport(ANA, LessonId.of("core"), "web", f.clock.instant(),
                List.of(WatchedSegment.of(0, 60))));
        assertThat(u.courseCompletion().completed()).isTrue();
        assertThat(u.courseCompletion().percent()).isEqualTo(50);
        assertThat(f.events(EventTypes.COURSE_COMPLETED)).hasSize(1);
    }

    @Test
    void markRead_whenDwellTooShort_isRefused() {
        LessonId reading = LessonId.of("reading");
        assertThatThrownBy(() -> progress.markRead(ANA, reading))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("not opened");
        progress.openArticle(ANA, reading);
        fx.clock.advance(Duration.ofSeconds(59));
        // 25% of a 4-minute read is 60 s, more than the 10 s floor
        assertThatThrownBy(() -> progress.markRead(ANA, reading)).hasMessageContaining("after 60 s");
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(progress.markRead(ANA, reading).lessonCompleted()).isTrue();
    }

    @Test
    void report_whenBadInput_namesEveryFieldAndStoresNothing() {
        WatchReport bad = new WatchReport(ANA, INTRO, "web", LearningFixture.START,
                List.of(WatchedSegment.of(-1, 10), WatchedSegment.of(50, 40), new WatchedSegment(0, 1, 0)));
        assertThatThrownBy(() -> progress.report(bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly(
                        "segments[0].fromSecond", "segments[1].toSecond", "segments[2].playbackRate"));
        WatchReport unknown = new WatchReport(ANA, LessonId.of("nope"), "web", LearningFixture.START,
                List.of(WatchedSegment.of(0, 10)));
        assertThatThrownBy(() -> progress.report(unknown))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("lessonId"));
        WatchReport future = new WatchReport(ANA, INTRO, "web", LearningFixture.START.plus(Duration.ofHours(1)),
                List.of(WatchedSegment.of(0, 10)));
        assertThatThrownBy(() -> progress.report(future))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("reportedAt"));
        WatchReport article = new WatchReport(ANA, LessonId.of("reading"), "web", LearningFixture.START,
                List.of(WatchedSegment.of(0, 10)));
        assertThatThrownBy(() -> progress.report(article))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("lessonId"));
        assertThatThrownBy(() -> progress.report(new WatchReport(null, null, " ", null, List.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("learner", "lessonId", "deviceId", "reportedAt", "segments"));

        long lessons = fx.context.read(uow -> uow.count(LearningTypes.LESSON_PROGRESS));
        long courses = fx.context.read(uow -> uow.count(LearningTypes.COURSE_PROGRESS));
        assertThat(lessons).isZero();
        assertThat(courses).isZero();
        assertThat(fx.events).isEmpty();
    }

    @Test
    void report_whenTwoThreadsCompleteTheSameLesson_emitsOneEvent() throws Exception {
        fx.clock.set(LearningFixture.START.plusSeconds(600));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ProgressUpdate>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String device = "d" + i;
                futures.add(pool.submit(() -> {
                    go.await();
                    // each device's first report gets the 30 s allowance; many devices together cover the lesson
                    List<WatchedSegment> segs = new ArrayList<>();
                    for (int s = 0; s < 600; s += 60) {
                        segs.add(WatchedSegment.of(s, s + 60));
                    }
                    return progress.report(new WatchReport(ANA, INTRO, device, fx.clock.instant(), segs));
                }));
            }
            go.countDown();
            int newly = 0;
            for (Future<ProgressUpdate> f : futures) {
                newly += f.get(10, TimeUnit.SECONDS).newlyCompleted() ? 1 : 0;
            }
            assertThat(newly).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.events(EventTypes.LESSON_COMPLETED)).hasSize(1);
    }

    @Test
    void lessonProgress_whenStored_roundTripsThroughJson() {
        watch("web", 30, 0, 30);
        LessonProgress p = progress.lessonProgress(ANA, INTRO).orElseThrow();
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(p), LessonProgress.class)).isEqualTo(p);
        CourseProgress cp = fx.context.read(uow -> uow.get(LearningTypes.COURSE_PROGRESS, "ana|c1").value());
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(cp), CourseProgress.class)).isEqualTo(cp);
        assertThat(Instant.parse("2026-03-02T09:00:30Z")).isEqualTo(p.updatedAt());
    }
}
