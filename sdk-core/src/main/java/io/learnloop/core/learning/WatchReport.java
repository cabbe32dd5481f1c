package io.learnloop.core.learning;

import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A client's report of what a learner played on one device since its previous report. Validated by
 * {@link ProgressService#report(WatchReport)}, which names every bad field.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner    the learner
 * @param lessonId   the lesson
 * @param deviceId   the reporting device or player instance (reports of one device are measured against each other)
 * @param reportedAt when the client sent the report
 * @param segments   what was played (copied)
 */
public record WatchReport(UserId learner, LessonId lessonId, String deviceId, Instant reportedAt,
                          List<WatchedSegment> segments) {
    /**
     * Copies the segments.
     *
     * @param learner    the learner
     * @param lessonId   the lesson
     * @param deviceId   the device
     * @param reportedAt when sent
     * @param segments   the segments
     */
    public WatchReport {
        segments = segments == null ? null : List.copyOf(segments);
    }
}
