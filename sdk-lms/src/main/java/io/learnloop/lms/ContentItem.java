package io.learnloop.lms;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.Validator;

/**
 * A course or lesson a teacher picked in a Deep Linking flow, returned to the platform as an
 * {@code ltiResourceLink} content item. The placed link carries the custom parameters {@code learnloop_course} (and
 * {@code learnloop_lesson}) that later launches open; with {@link #withGradebookColumn} the item also carries a
 * {@code lineItem}, which makes the platform create the gradebook column that results are posted to.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course       the course the link opens
 * @param lesson       the lesson it opens, or null for the whole course
 * @param title        the link's title in the LMS, 1 to 255 characters
 * @param scoreMaximum the gradebook column's maximum score, or 0 for a link without a column
 */
public record ContentItem(CourseId course, LessonId lesson, String title, int scoreMaximum) {
    /**
     * Validates.
     *
     * @param course       the course
     * @param lesson       the lesson, or null
     * @param title        the title
     * @param scoreMaximum the column's maximum, or 0
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public ContentItem {
        new Validator().notNull("course", course).notBlank("title", title, 255)
                .check(scoreMaximum >= 0 && scoreMaximum <= 1000, "scoreMaximum", "must be 0 (no column) to 1000")
                .throwIfInvalid();
    }

    /**
     * A link to a whole course, without a gradebook column.
     *
     * @param course the course
     * @param title  the title
     * @return the item
     */
    public static ContentItem course(CourseId course, String title) {
        return new ContentItem(course, null, title, 0);
    }

    /**
     * A link to one lesson of a course, without a gradebook column.
     *
     * @param course the lesson's course
     * @param lesson the lesson
     * @param title  the title
     * @return the item
     */
    public static ContentItem lesson(CourseId course, LessonId lesson, String title) {
        return new ContentItem(course, lesson, title, 0);
    }

    /**
     * A copy that makes the platform create a gradebook column scored out of 100 (the scale the tool posts on).
     *
     * @return the copy
     */
    public ContentItem withGradebookColumn() {
        return new ContentItem(course, lesson, title, 100);
    }
}
