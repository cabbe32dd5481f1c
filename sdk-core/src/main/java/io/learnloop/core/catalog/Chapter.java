package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.util.ArrayList;
import java.util.List;

/**
 * A chapter of a course version: a title and its lessons in order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id      the chapter's id, stable across versions
 * @param title   the title, 1 to 200 characters
 * @param lessons the lessons in order (copied)
 */
public record Chapter(ChapterId id, String title, List<Lesson> lessons) {
    /**
     * Validates and copies.
     *
     * @param id      the id
     * @param title   the title
     * @param lessons the lessons
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Chapter {
        new Validator()
                .notNull("chapter.id", id)
                .notBlank("chapter.title", title, Limits.TITLE)
                .check(lessons == null || lessons.size() <= Limits.LESSONS, "chapter.lessons",
                        "must hold at most " + Limits.LESSONS + " lessons")
                .check(lessons == null || lessons.stream().noneMatch(java.util.Objects::isNull), "chapter.lessons", "must not contain null")
                .throwIfInvalid();
        title = title.strip();
        lessons = lessons == null ? List.of() : List.copyOf(lessons);
    }

    /**
     * A copy with one more lesson at the end.
     *
     * @param lesson the lesson
     * @return the new chapter
     */
    public Chapter withLesson(Lesson lesson) {
        List<Lesson> copy = new ArrayList<>(lessons);
        copy.add(lesson);
        return new Chapter(id, title, copy);
    }
}
