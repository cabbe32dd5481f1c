package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * The content of a lesson, as an author writes it; the catalogue gives it a {@link LessonId}.
 *
 * <p>A lesson is required for course completion unless the author marks it optional (bonus material). The flag is
 * stored as {@code optional} so that a lesson written before the flag existed reads back as required.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param title       the title, 1 to 200 characters
 * @param type        the medium
 * @param duration    how long it takes, not negative
 * @param freePreview whether anyone may open it without a grant
 * @param contentRef  where the content lives (a media id, URL or article key), 1 to 2048 characters
 * @param optional    whether the lesson is bonus material that course completion does not need
 */
public record LessonSpec(String title, LessonType type, Duration duration, boolean freePreview, String contentRef,
                         boolean optional) {
    /**
     * Validates every field at once.
     *
     * @param title       the title
     * @param type        the medium
     * @param duration    the duration
     * @param freePreview the preview flag
     * @param contentRef  the content reference
     * @param optional    the optional flag
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public LessonSpec {
        check(new Validator(), title, type, duration, contentRef).throwIfInvalid();
        title = title.strip();
    }

    /**
     * A required lesson.
     *
     * @param title       the title, 1 to 200 characters
     * @param type        the medium
     * @param duration    how long it takes, not negative
     * @param freePreview whether anyone may open it without a grant
     * @param contentRef  where the content lives, 1 to 2048 characters
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public LessonSpec(String title, LessonType type, Duration duration, boolean freePreview, String contentRef) {
        this(title, type, duration, freePreview, contentRef, false);
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
     * This content, marked optional or required.
     *
     * @param optional whether the lesson is bonus material
     * @return the changed content
     */
    public LessonSpec withOptional(boolean optional) {
        return new LessonSpec(title, type, duration, freePreview, contentRef, optional);
    }

    static Validator check(Validator v, String title, LessonType type, Duration duration, String contentRef) {
        return v.notBlank("lesson.title", title, Limits.TITLE)
                .notNull("lesson.type", type)
                .notNull("lesson.duration", duration)
                .check(duration == null || !duration.isNegative(), "lesson.duration",
                        "must not be negative (was " + duration + ")")
                .notBlank("lesson.contentRef", contentRef, Limits.URI);
    }
}
