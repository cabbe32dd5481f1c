package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One version of a course: its details and its chapters. A published version never changes; editing a published
 * course makes a new version with the next number.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param version  the version number, from 1
 * @param details  what the course says about itself
 * @param chapters the chapters in order (copied)
 */
public record CourseContent(int version, CourseDetails details, List<Chapter> chapters) {
    /**
     * Validates and copies; lesson and chapter ids must be unique within the version.
     *
     * @param version  the number
     * @param details  the details
     * @param chapters the chapters
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public CourseContent {
        Validator v = new Validator()
                .check(version >= 1, "version", "must be at least 1 (was " + version + ")")
                .notNull("details", details)
                .check(chapters == null || chapters.size() <= Limits.CHAPTERS, "chapters",
                        "must hold at most " + Limits.CHAPTERS + " chapters")
                .check(chapters == null || chapters.stream().noneMatch(java.util.Objects::isNull), "chapters", "must not contain null");
        v.throwIfInvalid();
        chapters = chapters == null ? List.of() : List.copyOf(chapters);
        Set<Object> ids = new HashSet<>();
        for (Chapter c : chapters) {
            v.check(ids.add(c.id()), "chapters", "chapter id '" + c.id() + "' appears twice");
            for (Lesson l : c.lessons()) {
                v.check(ids.add(l.id()), "chapters", "lesson id '" + l.id() + "' appears twice");
            }
        }
        v.throwIfInvalid();
    }

    /**
     * Finds a lesson by id.
     *
     * @param id the lesson id
     * @return the lesson, or null if this version has no such lesson
     */
    public Lesson lesson(LessonId id) {
        for (Chapter c : chapters) {
            for (Lesson l : c.lessons()) {
                if (l.id().equals(id)) {
                    return l;
                }
            }
        }
        return null;
    }

    /**
     * Every lesson in order.
     *
     * @return the lessons
     */
    public List<Lesson> lessons() {
        List<Lesson> all = new ArrayList<>();
        for (Chapter c : chapters) {
            all.addAll(c.lessons());
        }
        return all;
    }

    /**
     * The next version: same content, next number.
     *
     * @return the copy
     */
    public CourseContent nextVersion() {
        return new CourseContent(version + 1, details, chapters);
    }

    /**
     * A copy with other details.
     *
     * @param newDetails the details
     * @return the copy
     */
    public CourseContent withDetails(CourseDetails newDetails) {
        return new CourseContent(version, newDetails, chapters);
    }

    /**
     * A copy with other chapters.
     *
     * @param newChapters the chapters
     * @return the copy
     */
    public CourseContent withChapters(List<Chapter> newChapters) {
        return new CourseContent(version, details, newChapters);
    }
}
