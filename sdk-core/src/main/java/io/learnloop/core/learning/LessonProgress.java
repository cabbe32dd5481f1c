package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One learner's progress in one lesson, as stored.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id               {@code learner|lesson}
 * @param learner          the learner
 * @param lessonId         the lesson
 * @param courseId         the lesson's course
 * @param kind             the lesson's kind
 * @param durationMillis   the lesson's duration in milliseconds
 * @param spans            the union of accepted watched stretches, sorted and disjoint
 * @param coveredMillis    the total length of {@code spans}
 * @param resumeAtMillis   where playback should resume
 * @param resumeReportedAt the report time the resume position came from, or null
 * @param lastReportAt     per device, the time of its latest report
 * @param timeSpentMillis  wall-clock learning time credited (accepted media time divided by its playback rate,
 *                         plus article dwell)
 * @param activeDays       the UTC days with accepted activity, sorted
 * @param openedAt         when an article was last opened, or null
 * @param completedAt      when the lesson was completed, or null
 * @param updatedAt        when this record last changed
 */
public record LessonProgress(String id, UserId learner, LessonId lessonId, CourseId courseId, LessonKind kind,
                             long durationMillis, List<Span> spans, long coveredMillis, long resumeAtMillis,
                             Instant resumeReportedAt, Map<String, Instant> lastReportAt, long timeSpentMillis,
                             List<LocalDate> activeDays, Instant openedAt, Instant completedAt, Instant updatedAt) {
    /**
     * Copies the collections.
     *
     * @param id               the id
     * @param learner          the learner
     * @param lessonId         the lesson
     * @param courseId         the course
     * @param kind             the kind
     * @param durationMillis   the duration
     * @param spans            the spans
     * @param coveredMillis    the coverage
     * @param resumeAtMillis   the resume position
     * @param resumeReportedAt its report time
     * @param lastReportAt     latest report per device
     * @param timeSpentMillis  the time spent
     * @param activeDays       the active days
     * @param openedAt         when opened
     * @param completedAt      when completed
     * @param updatedAt        when updated
     */
    public LessonProgress {
        spans = spans == null ? List.of() : List.copyOf(spans);
        lastReportAt = lastReportAt == null ? Map.of() : Map.copyOf(lastReportAt);
        activeDays = activeDays == null ? List.of() : List.copyOf(activeDays);
    }

    /**
     * The store id of a learner's progress in a lesson.
     *
     * @param learner the learner
     * @param lesson  the lesson
     * @return the id
     */
    public static String idOf(UserId learner, LessonId lesson) {
        return learner.value() + "|" + lesson.value();
    }

    /**
     * Whether the lesson is complete.
     *
     * @return true once completed
     */
    public boolean completed() {
        return completedAt != null;
    }

    /**
     * The covered share of the lesson.
     *
     * @return between 0 and 1 (0 for lessons without a duration)
     */
    public double coverage() {
        return durationMillis == 0 ? 0 : (double) coveredMillis / durationMillis;
    }
}
