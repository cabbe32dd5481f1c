package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * The content of a lesson, as an author writes it; the catalogue gives it a {@link LessonId}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param title       the title, 1 to 200 characters
 * @param type        the medium
 * @param duration    how long it takes, not negative
 * @param freePreview whether anyone may open it without a grant
 * @param contentRef  where the content lives (a media id, URL or article key), 1 to 2048 characters
 */
public record LessonSpec(String title, LessonType type, Duration duration, boolean freePreview, String contentRef) {
    /**
     * Validates every field at once.
     *
     * @param title       the title
     * @param type        the medium
     * @param duration    the duration
     * @param freePreview the preview flag
     * @param contentRef  the content reference
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public LessonSpec {
        check(new Validator(), title, type, duration, contentRef).throwIfInvalid();
        title = title.strip();
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
