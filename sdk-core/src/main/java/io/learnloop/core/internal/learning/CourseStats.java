package io.learnloop.core.internal.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps every course's learning funnel up to date in the transaction of each change that moves it: a lesson opened,
 * a learner enrolled, a lesson or the course completed, a quiz attempt graded. The funnel is spread over
 * {@value #STRIPES} records by learner, so learners progressing at once rarely write the same record.
 *
 * <p>Thread-safe: stateless.
 */
public final class CourseStats {
    /** How many records one course's funnel is spread over. */
    static final int STRIPES = 8;

    /** The funnel stripes, by course. */
    public static final AggregateType<CourseStatsStripe> STRIPE = AggregateType
            .builder("course_stats", CourseStatsStripe.class, CourseStatsStripe::id)
            .index("course", s -> s.course().value())
            .build();

    private CourseStats() {
    }

    /** A learner opened a lesson for the first time. */
    public static void lessonStarted(UnitOfWork uow, UserId learner, CourseId course, LessonId lesson, Instant now) {
        change(uow, learner, course, now, s -> with(s, add(s.started(), lesson.value(), 1), s.completed(),
                s.stopped(), 0, 0, BigDecimal.ZERO, 0));
    }

    /** A learner started the course. */
    public static void enrolled(UnitOfWork uow, UserId learner, CourseId course, Instant now) {
        change(uow, learner, course, now, s -> with(s, s.started(), s.completed(), s.stopped(), 1, 0,
                BigDecimal.ZERO, 0));
    }

    /**
     * A learner completed a lesson: it counts as completed, the learner's first lesson not done moves on, and the
     * course counts a completion if this finished it.
     */
    public static void lessonCompleted(UnitOfWork uow, CourseProgress before, CourseProgress after, List<LessonId> order,
                                boolean courseCompleted, LessonId lesson, Instant now) {
        // a learner who finished the course before stops nowhere, whatever optional lesson they complete now
        boolean finished = before.completedAt() != null;
        LessonId stoppedBefore = finished || before.completedLessons().isEmpty() ? null : firstNotDone(order,
                Set.copyOf(before.completedLessons()));
        LessonId stoppedAfter = finished || courseCompleted ? null
                : firstNotDone(order, Set.copyOf(after.completedLessons()));
        change(uow, before.learner(), before.courseId(), now, s -> {
            Map<String, Long> stopped = s.stopped();
            if (stoppedBefore != null) {
                stopped = add(stopped, stoppedBefore.value(), -1);
            }
            if (stoppedAfter != null) {
                stopped = add(stopped, stoppedAfter.value(), 1);
            }
            return with(s, s.started(), add(s.completed(), lesson.value(), 1), stopped, 0, courseCompleted ? 1 : 0,
                    BigDecimal.ZERO, 0);
        });
    }

    /** A quiz attempt of the course was graded. */
    public static void quizGraded(UnitOfWork uow, UserId learner, CourseId course, BigDecimal percent, Instant now) {
        change(uow, learner, course, now, s -> with(s, s.started(), s.completed(), s.stopped(), 0, 0, percent, 1));
    }

    /**
     * A course's funnel: its stripes added up.
     *
     * @param uow    the unit of work
     * @param course the course
     * @return the sum, or an empty funnel
     */
    static CourseStatsStripe of(UnitOfWork uow, CourseId course) {
        CourseStatsStripe sum = empty(course, -1, null);
        for (Versioned<CourseStatsStripe> v : uow.findBy(STRIPE, "course", course.value())) {
            CourseStatsStripe s = v.value();
            sum = new CourseStatsStripe(sum.id(), course, -1, sum.enrolments() + s.enrolments(),
                    sum.completions() + s.completions(), merge(sum.started(), s.started()),
                    merge(sum.completed(), s.completed()), merge(sum.stopped(), s.stopped()),
                    sum.quizPercentSum().add(s.quizPercentSum()), sum.quizzesGraded() + s.quizzesGraded(),
                    s.updatedAt());
        }
        return sum;
    }

    private static LessonId firstNotDone(List<LessonId> order, Set<LessonId> done) {
        for (LessonId l : order) {
            if (!done.contains(l)) {
                return l;
            }
        }
        return null;
    }

    private static void change(UnitOfWork uow, UserId learner, CourseId course, Instant now,
                               UnaryOperator<CourseStatsStripe> change) {
        int stripe = Math.floorMod(learner.value().hashCode(), STRIPES);
        String id = course.value() + "|" + stripe;
        Versioned<CourseStatsStripe> current = uow.find(STRIPE, id).orElse(null);
        if (current == null) {
            uow.insert(STRIPE, stamped(change.apply(empty(course, stripe, now)), now));
        } else {
            uow.update(STRIPE, stamped(change.apply(current.value()), now), current.version());
        }
    }

    private static CourseStatsStripe empty(CourseId course, int stripe, Instant now) {
        return new CourseStatsStripe(course.value() + "|" + stripe, course, stripe, 0, 0, Map.of(), Map.of(), Map.of(),
                BigDecimal.ZERO, 0, now);
    }

    private static CourseStatsStripe with(CourseStatsStripe s, Map<String, Long> started, Map<String, Long> completed,
                                          Map<String, Long> stopped, long enrolled, long completions,
                                          BigDecimal percent, long graded) {
        return new CourseStatsStripe(s.id(), s.course(), s.stripe(), s.enrolments() + enrolled,
                s.completions() + completions, started, completed, stopped, s.quizPercentSum().add(percent),
                s.quizzesGraded() + graded, s.updatedAt());
    }

    private static CourseStatsStripe stamped(CourseStatsStripe s, Instant now) {
        return new CourseStatsStripe(s.id(), s.course(), s.stripe(), s.enrolments(), s.completions(), s.started(),
                s.completed(), s.stopped(), s.quizPercentSum(), s.quizzesGraded(), now);
    }

    private static Map<String, Long> add(Map<String, Long> counts, String key, long delta) {
        Map<String, Long> next = new HashMap<>(counts);
        long value = next.getOrDefault(key, 0L) + delta;
        if (value == 0) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        return next;
    }

    private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> next = new HashMap<>(a);
        b.forEach((k, v) -> next.merge(k, v, Long::sum));
        return next;
    }
}
