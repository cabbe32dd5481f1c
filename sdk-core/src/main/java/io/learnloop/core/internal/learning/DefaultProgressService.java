package io.learnloop.core.internal.learning;

import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonKind;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.ProgressPolicy;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The progress service over the store.
 *
 * <p>Thread-safe: immutable; concurrent reports on one lesson are serialised by compare-and-set and retried.
 */
public final class DefaultProgressService implements ProgressService {
    private static final int MAX_SEGMENTS = 1_000;
    private static final double MAX_RATE = 16.0;

    private final ServiceContext context;
    private final LessonCatalog catalog;
    private final ProgressPolicy policy;
    private final CompletionRecorder recorder;

    /**
     * Creates the service.
     *
     * @param context the context
     * @param catalog lesson facts
     * @param policy  the rules
     */
    public DefaultProgressService(ServiceContext context, LessonCatalog catalog, ProgressPolicy policy) {
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.recorder = new CompletionRecorder(context);
    }

    @Override
    public ProgressUpdate report(WatchReport report) {
        if (report == null) {
            throw ValidationException.of("report", "is required");
        }
        Validator v = new Validator()
                .notNull("learner", report.learner())
                .notNull("lessonId", report.lessonId())
                .notBlank("deviceId", report.deviceId(), 128)
                .notNull("reportedAt", report.reportedAt())
                .notEmpty("segments", report.segments());
        if (report.segments() != null) {
            if (report.segments().size() > MAX_SEGMENTS) {
                v.check(false, "segments", "must hold at most " + MAX_SEGMENTS + " segments");
            }
            for (int i = 0; i < report.segments().size(); i++) {
                WatchedSegment s = report.segments().get(i);
                if (s == null || !s.isPlausible(MAX_RATE)) {
                    validateSegment(v, "segments[" + i + "]", s);
                }
            }
        }
        if (report.reportedAt() != null && report.reportedAt().isAfter(context.now().plus(policy.clockSkew()))) {
            v.check(false, "reportedAt", "lies in the future (" + report.reportedAt() + "); send the client's current time");
        }
        LessonFacts lesson = report.lessonId() == null ? null : catalog.lesson(report.lessonId()).orElse(null);
        if (report.lessonId() != null) {
            if (lesson == null) {
                v.check(false, "lessonId", "no lesson '" + report.lessonId() + "' exists");
            } else if (!lesson.kind().isMedia()) {
                v.check(false, "lessonId", "is " + lesson.kind() + " lesson; watched segments apply to video and audio only");
            }
        }
        v.throwIfInvalid();
        List<LessonFacts> lessons = catalog.lessons(lesson.courseId());
        return ConflictRetry.onConflict(() -> context.transact(uow -> apply(uow, report, lesson, lessons)));
    }

    /** Checks one segment; messages are built only for a bad segment, as reports arrive by the thousand. */
    private static void validateSegment(Validator v, String field, WatchedSegment s) {
        if (s == null) {
            v.check(false, field, "is required");
            return;
        }
        if (!(Double.isFinite(s.fromSecond()) && s.fromSecond() >= 0)) {
            v.check(false, field + ".fromSecond",
                    "must be a finite, non-negative number of seconds (was " + s.fromSecond() + ")");
        }
        if (!(Double.isFinite(s.toSecond()) && s.toSecond() > s.fromSecond())) {
            v.check(false, field + ".toSecond", "must be after fromSecond (was " + s.toSecond() + " for fromSecond "
                    + s.fromSecond() + "; reversed or empty segments are refused)");
        }
        if (!(Double.isFinite(s.playbackRate()) && s.playbackRate() > 0 && s.playbackRate() <= MAX_RATE)) {
            v.check(false, field + ".playbackRate", "must be above 0 and at most " + MAX_RATE + " (was "
                    + s.playbackRate() + ")");
        }
    }

    private ProgressUpdate apply(UnitOfWork uow, WatchReport report, LessonFacts lesson, List<LessonFacts> lessons) {
        Instant now = context.now();
        String id = LessonProgress.idOf(report.learner(), lesson.lessonId());
        Optional<Versioned<LessonProgress>> found = uow.find(LearningTypes.LESSON_PROGRESS, id);
        LessonProgress before = found.map(Versioned::value).orElseGet(() -> fresh(report.learner(), lesson, now));
        long duration = lesson.duration().toMillis();

        Instant previous = before.lastReportAt().get(report.deviceId());
        long elapsed = previous == null ? policy.firstReportAllowance().toMillis()
                : Math.max(0, Duration.between(previous, report.reportedAt()).toMillis());
        long budget = (long) Math.floor(elapsed * policy.maxPlaybackRate());

        SpanSet set = SpanSet.of(before.spans());
        SpanSet.LongList pieces = new SpanSet.LongList();
        long accepted = 0;
        long refused = 0;
        double spent = 0;
        for (WatchedSegment s : report.segments()) {
            long from = Math.min(duration, Math.round(s.fromSecond() * 1000));
            long to = Math.min(duration, Math.round(s.toSecond() * 1000));
            if (to <= from) {
                continue;
            }
            set.uncovered(from, to, pieces);
            for (int i = 0; i < pieces.size(); i += 2) {
                long a = pieces.get(i);
                long len = pieces.get(i + 1) - a;
                long take = Math.min(len, budget - accepted);
                if (take > 0) {
                    set.add(a, a + take);
                    accepted += take;
                    spent += take / s.playbackRate();
                }
                refused += len - take;
            }
        }
        long covered = set.measure();

        long resumeAt = before.resumeAtMillis();
        Instant resumeReportedAt = before.resumeReportedAt();
        if (resumeReportedAt == null || !report.reportedAt().isBefore(resumeReportedAt)) {
            WatchedSegment last = report.segments().get(report.segments().size() - 1);
            long end = Math.min(duration, Math.round(last.toSecond() * 1000));
            resumeAt = end >= duration ? 0 : end;
            resumeReportedAt = report.reportedAt();
        }
        Map<String, Instant> devices = new HashMap<>(before.lastReportAt());
        if (previous == null || report.reportedAt().isAfter(previous)) {
            devices.put(report.deviceId(), report.reportedAt());
        }
        long spentMillis = Math.min(Math.round(spent), elapsed);
        List<LocalDate> days = accepted > 0 ? withDay(before.activeDays(), now) : before.activeDays();
        boolean complete = before.completed() || covered >= Math.ceil(policy.completionCoverage() * duration);
        Instant completedAt = before.completed() ? before.completedAt() : complete ? now : null;
        LessonProgress after = new LessonProgress(id, before.learner(), before.lessonId(), before.courseId(),
                before.kind(), duration, set.toSpans(), covered, resumeAt, resumeReportedAt, devices,
                before.timeSpentMillis() + spentMillis, days, before.openedAt(), completedAt, now);
        save(uow, found, after);
        boolean newly = complete && !before.completed();
        CourseCompletion completion = newly ? recorder.lessonCompleted(uow, after, lessons)
                : courseCompletion(uow, after.learner(), after.courseId(), lessons, accepted > 0);
        return new ProgressUpdate(lesson.lessonId(), Duration.ofMillis(accepted), Duration.ofMillis(refused),
                Duration.ofMillis(covered), after.coverage(), Duration.ofMillis(resumeAt), complete, newly, completion);
    }

    private CourseCompletion courseCompletion(UnitOfWork uow, UserId learner, CourseId course, List<LessonFacts> lessons,
                                              boolean enrol) {
        CourseProgress cp = enrol ? recorder.ensureCourse(uow, learner, course).value()
                : uow.find(LearningTypes.COURSE_PROGRESS, CourseProgress.idOf(learner, course)).map(Versioned::value).orElse(null);
        return CompletionRecorder.completion(course, cp, lessons);
    }

    private static List<LocalDate> withDay(List<LocalDate> days, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (days.contains(today)) {
            return days;
        }
        List<LocalDate> next = new ArrayList<>(days);
        next.add(today);
        next.sort(null);
        return next;
    }

    private static LessonProgress fresh(UserId learner, LessonFacts lesson, Instant now) {
        return new LessonProgress(LessonProgress.idOf(learner, lesson.lessonId()), learner, lesson.lessonId(),
                lesson.courseId(), lesson.kind(), lesson.duration().toMillis(), List.of(), 0, 0, null, Map.of(), 0,
                List.of(), null, null, now);
    }

    private static void save(UnitOfWork uow, Optional<Versioned<LessonProgress>> found, LessonProgress after) {
        if (found.isPresent()) {
            uow.update(LearningTypes.LESSON_PROGRESS, after, found.get().version());
        } else {
            uow.insert(LearningTypes.LESSON_PROGRESS, after);
            CourseStats.lessonStarted(uow, after.learner(), after.courseId(), after.lessonId(), after.updatedAt());
        }
    }

    @Override
    public LessonProgress openArticle(UserId learner, LessonId lesson) {
        LessonFacts facts = requireLesson(learner, lesson, LessonKind.ARTICLE);
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Instant now = context.now();
            Optional<Versioned<LessonProgress>> found = uow.find(LearningTypes.LESSON_PROGRESS, LessonProgress.idOf(learner, lesson));
            LessonProgress p = found.map(Versioned::value).orElseGet(() -> fresh(learner, facts, now));
            LessonProgress after = new LessonProgress(p.id(), p.learner(), p.lessonId(), p.courseId(), p.kind(),
                    p.durationMillis(), p.spans(), p.coveredMillis(), p.resumeAtMillis(), p.resumeReportedAt(),
                    p.lastReportAt(), p.timeSpentMillis(), withDay(p.activeDays(), now), now, p.completedAt(), now);
            save(uow, found, after);
            recorder.ensureCourse(uow, learner, facts.courseId());
            return after;
        }));
    }

    @Override
    public ProgressUpdate markRead(UserId learner, LessonId lesson) {
        LessonFacts facts = requireLesson(learner, lesson, LessonKind.ARTICLE);
        Duration dwell = minimumDwell(facts);
        List<LessonFacts> lessons = catalog.lessons(facts.courseId());
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Instant now = context.now();
            Optional<Versioned<LessonProgress>> found = uow.find(LearningTypes.LESSON_PROGRESS, LessonProgress.idOf(learner, lesson));
            if (found.isEmpty() || found.get().value().openedAt() == null) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Article '" + lesson
                        + "' was not opened; call openArticle when the learner opens it, then markRead.");
            }
            LessonProgress p = found.get().value();
            if (p.completed()) {
                return done(p, false, CompletionRecorder.completion(p.courseId(),
                        uow.find(LearningTypes.COURSE_PROGRESS, CourseProgress.idOf(learner, p.courseId()))
                                .map(Versioned::value).orElse(null), lessons));
            }
            Duration since = Duration.between(p.openedAt(), now);
            if (since.compareTo(dwell) < 0) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Article '" + lesson + "' was opened "
                        + since.toSeconds() + " s ago; it can be marked read after " + dwell.toSeconds() + " s.");
            }
            LessonProgress after = new LessonProgress(p.id(), p.learner(), p.lessonId(), p.courseId(), p.kind(),
                    p.durationMillis(), p.spans(), p.durationMillis(), 0, p.resumeReportedAt(), p.lastReportAt(),
                    p.timeSpentMillis() + Math.min(since.toMillis(), Math.max(dwell.toMillis(), p.durationMillis())),
                    withDay(p.activeDays(), now), p.openedAt(), now, now);
            uow.update(LearningTypes.LESSON_PROGRESS, after, found.get().version());
            return done(after, true, recorder.lessonCompleted(uow, after, lessons));
        }));
    }

    @Override
    public ProgressUpdate markDone(UserId learner, LessonId lesson) {
        LessonFacts facts = requireLesson(learner, lesson, LessonKind.OTHER);
        List<LessonFacts> lessons = catalog.lessons(facts.courseId());
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Instant now = context.now();
            Optional<Versioned<LessonProgress>> found = uow.find(LearningTypes.LESSON_PROGRESS, LessonProgress.idOf(learner, lesson));
            LessonProgress p = found.map(Versioned::value).orElseGet(() -> fresh(learner, facts, now));
            if (p.completed()) {
                return done(p, false, recorder.lessonCompleted(uow, p, lessons));
            }
            LessonProgress after = new LessonProgress(p.id(), p.learner(), p.lessonId(), p.courseId(), p.kind(),
                    p.durationMillis(), p.spans(), p.durationMillis(), 0, p.resumeReportedAt(), p.lastReportAt(),
                    p.timeSpentMillis(), withDay(p.activeDays(), now), p.openedAt(), now, now);
            save(uow, found, after);
            return done(after, true, recorder.lessonCompleted(uow, after, lessons));
        }));
    }

    private static ProgressUpdate done(LessonProgress p, boolean newly, CourseCompletion completion) {
        return new ProgressUpdate(p.lessonId(), Duration.ZERO, Duration.ZERO, Duration.ofMillis(p.coveredMillis()),
                p.durationMillis() == 0 ? 1 : p.coverage(), Duration.ZERO, p.completed(), newly, completion);
    }

    /**
     * The dwell an article needs before it may be marked read: the larger of the policy's minimum and its share of
     * the article's reading time.
     *
     * @param article the article
     * @return the dwell
     */
    Duration minimumDwell(LessonFacts article) {
        Duration share = Duration.ofMillis((long) (article.duration().toMillis() * policy.articleDwellShare()));
        return share.compareTo(policy.articleMinDwell()) > 0 ? share : policy.articleMinDwell();
    }

    private LessonFacts requireLesson(UserId learner, LessonId lesson, LessonKind kind) {
        Validator v = new Validator().notNull("learner", learner).notNull("lessonId", lesson);
        LessonFacts facts = lesson == null ? null : catalog.lesson(lesson).orElse(null);
        if (lesson != null) {
            v.check(facts != null, "lessonId", "no lesson '" + lesson + "' exists");
            v.check(facts == null || facts.kind() == kind, "lessonId",
                    "is " + (facts == null ? "" : facts.kind()) + " lesson; this operation applies to " + kind + " lessons");
        }
        v.throwIfInvalid();
        return facts;
    }

    @Override
    public Optional<LessonProgress> lessonProgress(UserId learner, LessonId lesson) {
        new Validator().notNull("learner", learner).notNull("lessonId", lesson).throwIfInvalid();
        return context.read(uow -> uow.find(LearningTypes.LESSON_PROGRESS, LessonProgress.idOf(learner, lesson))
                .map(Versioned::value));
    }

    @Override
    public Duration resumePosition(UserId learner, LessonId lesson) {
        return lessonProgress(learner, lesson).map(p -> Duration.ofMillis(p.resumeAtMillis())).orElse(Duration.ZERO);
    }

    @Override
    public CourseCompletion courseCompletion(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("courseId", course).throwIfInvalid();
        List<LessonFacts> lessons = catalog.lessons(course);
        CourseProgress cp = context.read(uow -> uow.find(LearningTypes.COURSE_PROGRESS, CourseProgress.idOf(learner, course))
                .map(Versioned::value).orElse(null));
        return CompletionRecorder.completion(course, cp, lessons);
    }

    @Override
    public List<LessonProgress> progressOf(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.read(uow -> uow.findBy(LearningTypes.LESSON_PROGRESS, LearningTypes.BY_LEARNER, learner.value())
                .stream().map(Versioned::value).toList());
    }
}
