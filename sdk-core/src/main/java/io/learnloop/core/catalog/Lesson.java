package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * A lesson of a course version. Its id stays the same across versions, so progress and access follow it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          the lesson's id
 * @param title       the title, 1 to 200 characters
 * @param type        the medium
 * @param duration    how long it takes, not negative
 * @param freePreview whether anyone may open it without a grant
 * @param contentRef  where the content lives, 1 to 2048 characters
 * @param optional    whether the lesson is bonus material that course completion does not need; a lesson stored
 *                    before the flag existed reads back as {@code false} (required)
 */
public record Lesson(LessonId id, String title, LessonType type, Duration duration, boolean freePreview,
                     String contentRef, boolean optional) {
    /**
     * Validates every field at once.
     *
     * @param id          the id
     * @param title       the title
     * @param type        the medium
     * @param duration    the duration
     * @param freePreview the preview flag
     * @param contentRef  the content reference
     * @param optional    the optional flag
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Lesson {
        LessonSpec.check(new Validator().notNull("lesson.id", id), title, type, duration, contentRef).throwIfInvalid();
        title = title.strip();
    }

    /**
     * A required lesson.
     *
     * @param id          the id
     * @param title       the title
     * @param type        the medium
     * @param duration    the duration
     * @param freePreview the preview flag
     * @param contentRef  the content reference
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Lesson(LessonId id, String title, LessonType type, Duration duration, boolean freePreview,
                  String contentRef) {
        this(id, title, type, duration, freePreview, contentRef, false);
    }

    /**
     * Makes a lesson from its content.
     *
     * @param id   the id
     * @param spec the content
     * @return the lesson
     */
    public static Lesson of(LessonId id, LessonSpec spec) {
        return new Lesson(id, spec.title(), spec.type(), spec.duration(), spec.freePreview(), spec.contentRef(),
                spec.optional());
    }

    /**
     * Whether course completion needs this lesson.
     *
     * @return {@code true} unless the lesson is optional
     */
    public boolean required() {
        return !optional;
    }

    /**
     * The lesson's content without its id.
     *
     * @return the content
     */
    public LessonSpec spec() {
        return new LessonSpec(title, type, duration, freePreview, contentRef, optional);
    }
}
