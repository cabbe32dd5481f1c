package io.learnloop.core.learning;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.DefaultProgressService;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Honest progress: keeps the union of what each learner really played, refuses coverage that wall-clock time
 * cannot explain, completes lessons and courses, and emits {@code lesson.completed} and {@code course.completed}
 * exactly once each.
 *
 * <p>Thread-safe.
 */
public interface ProgressService {
    /**
     * Creates the service.
     *
     * @param context the facade's context
     * @param catalog lesson facts
     * @param policy  the progress rules
     * @return the service
     */
    static ProgressService create(ServiceContext context, LessonCatalog catalog, ProgressPolicy policy) {
        return new DefaultProgressService(context, catalog, policy);
    }

    /**
     * Records what a learner played on one device. Segments are clipped to the lesson; the part of the new coverage
     * beyond {@code maxPlaybackRate} times the wall-clock time since the device's previous report is refused.
     *
     * @param report the report
     * @return what changed
     * @throws io.learnloop.core.error.ValidationException naming each bad field (negative or reversed segments,
     *                                                     unknown lesson, non-media lesson, future report time);
     *                                                     nothing is stored
     */
    ProgressUpdate report(WatchReport report);

    /**
     * Records that a learner opened an article, starting its dwell time.
     *
     * @param learner the learner
     * @param lesson  an article lesson
     * @return the lesson's progress
     */
    LessonProgress openArticle(UserId learner, LessonId lesson);

    /**
     * Marks an article read; allowed once the minimum dwell time since {@link #openArticle} has passed.
     *
     * @param learner the learner
     * @param lesson  an article lesson
     * @return what changed
     * @throws io.learnloop.core.error.ConflictException with {@code INVALID_STATE} if the article was not opened or
     *                                                   the dwell time has not passed
     */
    ProgressUpdate markRead(UserId learner, LessonId lesson);

    /**
     * Marks a lesson of kind {@link LessonKind#OTHER} done.
     *
     * @param learner the learner
     * @param lesson  the lesson
     * @return what changed
     */
    ProgressUpdate markDone(UserId learner, LessonId lesson);

    /**
     * Reads a learner's progress in a lesson.
     *
     * @param learner the learner
     * @param lesson  the lesson
     * @return the progress, or empty if the learner has none
     */
    Optional<LessonProgress> lessonProgress(UserId learner, LessonId lesson);

    /**
     * Where playback of a lesson should resume.
     *
     * @param learner the learner
     * @param lesson  the lesson
     * @return the position (zero without progress)
     */
    Duration resumePosition(UserId learner, LessonId lesson);

    /**
     * How far a learner is through a course.
     *
     * @param learner the learner
     * @param course  the course
     * @return the completion
     */
    CourseCompletion courseCompletion(UserId learner, CourseId course);

    /**
     * Every lesson progress of a learner.
     *
     * @param learner the learner
     * @return the progress records
     */
    List<LessonProgress> progressOf(UserId learner);
}
