package io.learnloop.core.internal.learning;

import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregate types of the learning records.
 *
 * <p>Thread-safe: constants only.
 */
public final class LearningTypes {
    /** Index of learner ids. */
    public static final String BY_LEARNER = "learner";
    /** Index of course ids. */
    public static final String BY_COURSE = "course";
    /** Index of lesson ids. */
    public static final String BY_LESSON = "lesson";
    /** Index of the notes shared on a lesson, by anchor. */
    public static final String SHARED_ON = "shared";

    /**
     * A learner's progress in a lesson. Indexed by learner only: every progress report updates this record, and a
     * per-course index would hold every learner's every lesson (course reports reach lessons through
     * {@link #COURSE_PROGRESS} instead).
     */
    public static final AggregateType<LessonProgress> LESSON_PROGRESS = AggregateType
            .builder("lesson_progress", LessonProgress.class, LessonProgress::id)
            .index(BY_LEARNER, p -> p.learner().value())
            .build();

    /** A learner's progress in a course. */
    public static final AggregateType<CourseProgress> COURSE_PROGRESS = AggregateType
            .builder("course_progress", CourseProgress.class, CourseProgress::id)
            .index(BY_LEARNER, p -> p.learner().value())
            .index(BY_COURSE, p -> p.courseId().value())
            .build();

    /** A learner's note. */
    public static final AggregateType<Note> NOTE = AggregateType
            .builder("note", Note.class, n -> n.id().value())
            .index(BY_LEARNER, n -> n.learner().value())
            .index(BY_LESSON, n -> n.lessonId().value())
            .sortedIndex(SHARED_ON, n -> n.visibility() == NoteVisibility.SHARED ? n.lessonId().value() : null,
                    n -> SortKeys.number(Math.max(0, n.anchor().isMedia() ? n.anchor().mediaMillis()
                            : n.anchor().textStart())) + SortKeys.instant(n.createdAt()))
            .build();

    private LearningTypes() {
    }
}
