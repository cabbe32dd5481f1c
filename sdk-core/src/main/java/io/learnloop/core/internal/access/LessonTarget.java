package io.learnloop.core.internal.access;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;

import java.util.List;

/**
 * What a decision needs to know of a lesson: the course whose published version holds it and whether it is a free
 * preview there, or the first course holding it only in a draft.
 *
 * <p>Thread-safe: immutable.
 *
 * @param course    the course that publishes the lesson, else the first course holding it; null if none does
 * @param published whether {@code course} publishes the lesson
 * @param preview   whether the published lesson is a free preview
 */
record LessonTarget(Course course, boolean published, boolean preview) {
    private static final LessonTarget NONE = new LessonTarget(null, false, false);

    /**
     * Finds the target among the courses holding a lesson.
     *
     * @param lesson  the lesson id (the index key)
     * @param holders the courses filed under it
     * @return the target
     */
    static LessonTarget of(String lesson, List<Course> holders) {
        if (holders.isEmpty()) {
            return NONE;
        }
        LessonId id = LessonId.of(lesson);
        for (Course c : holders) {
            Lesson found = c.published() == null ? null : c.published().lesson(id);
            if (found != null) {
                return new LessonTarget(c, true, found.freePreview());
            }
        }
        return new LessonTarget(holders.get(0), false, false);
    }
}
