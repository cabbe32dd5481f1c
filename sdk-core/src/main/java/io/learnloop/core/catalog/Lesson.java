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
 */
public record Lesson(LessonId id, String title, LessonType type, Duration duration, boolean freePreview,
                     String contentRef) {
    /**
     * Validates every field at once.
     *
     * @param id          the id
     * @param title       the title
     * @param type        the medium
     * @param duration    the duration
     * @param freePreview the preview flag
     * @param contentRef  the content reference
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Lesson {
        LessonSpec.check(new Validator().notNull("lesson.id", id), title, type, duration, contentRef).throwIfInvalid();
        title = title.strip();
    }

    /**
     * Makes a lesson from its content.
     *
     * @param id   the id
     * @param spec the content
     * @return the lesson
     */
    public static Lesson of(LessonId id, LessonSpec spec) {
        return new Lesson(id, spec.title(), spec.type(), spec.duration(), spec.freePreview(), spec.contentRef());
    }

    /**
     * The lesson's content without its id.
     *
     * @return the content
     */
    public LessonSpec spec() {
        return new LessonSpec(title, type, duration, freePreview, contentRef);
    }
}
