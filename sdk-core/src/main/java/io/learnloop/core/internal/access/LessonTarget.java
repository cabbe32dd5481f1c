package io.learnloop.core.internal.access;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
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
 * @param id        the course's id, or null
 * @param hash      the hash of the course id's value (compared before the ids themselves)
 * @param status    the course's status, or null
 * @param published whether {@code course} publishes the lesson
 * @param preview   whether the published lesson is a free preview
 */
record LessonTarget(Course course, CourseId id, int hash, CourseStatus status, boolean published, boolean preview) {
    private static final LessonTarget NONE = new LessonTarget(null, null, 0, null, false, false);

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
                return new LessonTarget(c, c.id(), c.id().value().hashCode(), c.status(), true, found.freePreview());
            }
        }
        Course first = holders.get(0);
        return new LessonTarget(first, first.id(), first.id().value().hashCode(), first.status(), false, false);
    }
}
