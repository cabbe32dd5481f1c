package io.learnloop.core.learning;

import io.learnloop.core.catalog.LessonId;

import java.time.Duration;

/**
 * What a progress report changed.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lessonId         the lesson
 * @param accepted         new coverage accepted from this report
 * @param refused          new coverage claimed but refused because it exceeded what wall-clock time allows
 * @param covered          the lesson's total coverage after the report
 * @param coverage         the covered share of the lesson, between 0 and 1
 * @param resumeAt         where playback should resume
 * @param lessonCompleted  whether the lesson is complete
 * @param newlyCompleted   whether this report completed it
 * @param courseCompletion the course's completion after the report
 */
public record ProgressUpdate(LessonId lessonId, Duration accepted, Duration refused, Duration covered, double coverage,
                             Duration resumeAt, boolean lessonCompleted, boolean newlyCompleted,
                             CourseCompletion courseCompletion) {
}
