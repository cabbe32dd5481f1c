package io.learnloop.core.internal.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.privacy.PrivacyTypes;
import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.UnitOfWork;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps every course's learning funnel up to date in the transaction of each change that moves it: a lesson opened,
 * a learner enrolled, a lesson or the course completed, a quiz attempt graded. The funnel is a group of store
 * counters per course (blind additions), so learners progressing at once never conflict on it. A learner who refused
 * {@link ConsentPurpose#ANALYTICS} is not counted from then on; what was counted before stays in the sums, which name
 * no one.
 *
 * <p>Thread-safe: stateless.
 */
public final class CourseStats {
    /** The counter family of funnels; a group is a course id. */
    static final String FAMILY = "course.funnel";
    private static final String ENROLMENTS = "enrolments";
    private static final String COMPLETIONS = "completions";
    private static final String QUIZZES = "quizzes.graded";
    /** The sum of graded percentages, in hundredths of a percent (the grader's scale). */
    private static final String QUIZ_PERCENT = "quizzes.percent";
    private static final String STARTED = "started|";
    private static final String COMPLETED = "completed|";
    private static final String STOPPED = "stopped|";
    private static final int PER_READ = 1000;

    private CourseStats() {
    }

    /** A learner opened a lesson for the first time. */
    public static void lessonStarted(UnitOfWork uow, UserId learner, CourseId course, LessonId lesson, Instant now) {
        if (!counted(uow, learner)) {
            return;
        }
        add(uow, course, STARTED + lesson.value(), 1);
    }

    /** A learner started the course. */
    public static void enrolled(UnitOfWork uow, UserId learner, CourseId course, Instant now) {
        if (!counted(uow, learner)) {
            return;
        }
        add(uow, course, ENROLMENTS, 1);
    }

    /**
     * A learner completed a lesson: it counts as completed, the learner's first lesson not done moves on, and the
     * course counts a completion if this finished it.
     */
    public static void lessonCompleted(UnitOfWork uow, CourseProgress before, CourseProgress after, List<LessonId> order,
                                boolean courseCompleted, LessonId lesson, Instant now) {
        if (!counted(uow, before.learner())) {
            return;
        }
        // a learner who finished the course before stops nowhere, whatever optional lesson they complete now
        boolean finished = before.completedAt() != null;
        LessonId stoppedBefore = finished || before.completedLessons().isEmpty() ? null : firstNotDone(order,
                Set.copyOf(before.completedLessons()));
        LessonId stoppedAfter = finished || courseCompleted ? null
                : firstNotDone(order, Set.copyOf(after.completedLessons()));
        CourseId course = before.courseId();
        if (stoppedBefore != null) {
            add(uow, course, STOPPED + stoppedBefore.value(), -1);
        }
        if (stoppedAfter != null) {
            add(uow, course, STOPPED + stoppedAfter.value(), 1);
        }
        add(uow, course, COMPLETED + lesson.value(), 1);
        if (courseCompleted) {
            add(uow, course, COMPLETIONS, 1);
        }
    }

    /** A quiz attempt of the course was graded. */
    public static void quizGraded(UnitOfWork uow, UserId learner, CourseId course, BigDecimal percent, Instant now) {
        if (!counted(uow, learner)) {
            return;
        }
        add(uow, course, QUIZZES, 1);
        add(uow, course, QUIZ_PERCENT, percent.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact());
    }

    /**
     * A course's funnel, read from its counters.
     *
     * @param uow    the unit of work
     * @param course the course
     * @return the funnel (all zero for a course nobody started)
     */
    static CourseFunnel of(UnitOfWork uow, CourseId course) {
        Map<String, Long> started = new HashMap<>();
        Map<String, Long> completed = new HashMap<>();
        Map<String, Long> stopped = new HashMap<>();
        Map<String, Long> totals = new HashMap<>();
        String after = null;
        while (true) {
            List<Counter> page = uow.counters(FAMILY, course.value(), after, PER_READ);
            for (Counter c : page) {
                String m = c.member();
                if (c.value() == 0) {
                    continue;
                }
                if (m.startsWith(STARTED)) {
                    started.put(m.substring(STARTED.length()), c.value());
                } else if (m.startsWith(COMPLETED)) {
                    completed.put(m.substring(COMPLETED.length()), c.value());
                } else if (m.startsWith(STOPPED)) {
                    stopped.put(m.substring(STOPPED.length()), c.value());
                } else {
                    totals.put(m, c.value());
                }
            }
            if (page.size() < PER_READ) {
                break;
            }
            after = page.get(page.size() - 1).member();
        }
        return new CourseFunnel(totals.getOrDefault(ENROLMENTS, 0L), totals.getOrDefault(COMPLETIONS, 0L), started,
                completed, stopped, BigDecimal.valueOf(totals.getOrDefault(QUIZ_PERCENT, 0L), 2),
                totals.getOrDefault(QUIZZES, 0L));
    }

    /** Whether the learner's activity counts in aggregate statistics: unless they refused analytics. */
    private static boolean counted(UnitOfWork uow, UserId learner) {
        return uow.find(PrivacyTypes.STANDING, learner.value()).map(v -> v.value().allows(ConsentPurpose.ANALYTICS))
                .orElse(true);
    }

    private static void add(UnitOfWork uow, CourseId course, String member, long delta) {
        uow.add(new CounterKey(FAMILY, course.value(), member), delta);
    }

    private static LessonId firstNotDone(List<LessonId> order, Set<LessonId> done) {
        for (LessonId l : order) {
            if (!done.contains(l)) {
                return l;
            }
        }
        return null;
    }
}
