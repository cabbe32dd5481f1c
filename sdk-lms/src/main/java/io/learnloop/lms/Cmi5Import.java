package io.learnloop.lms;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.Validator;

import java.util.Map;

/**
 * A cmi5 course structure ({@code cmi5.xml}) to import into a Learnloop course, with the lesson each assignable unit
 * completes.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course  the Learnloop course the structure is delivered in
 * @param xml     the course structure document
 * @param lessons the lesson of the course each AU binds to, by the AU's {@code id} attribute; every AU needs one,
 *                each lesson at most one AU, and a lesson must be one that a "done" completes (a live lesson, or a
 *                media lesson without duration)
 */
public record Cmi5Import(CourseId course, String xml, Map<String, LessonId> lessons) {
    /** The longest structure accepted, in characters: room for well over a thousand AUs. */
    public static final int MAX_XML_LENGTH = 16 * 1024 * 1024;

    /**
     * Checks and copies.
     *
     * @param course  the course
     * @param xml     the document
     * @param lessons the bindings
     */
    public Cmi5Import {
        new Validator().notNull("course", course).notNull("xml", xml).notNull("lessons", lessons)
                .check(xml == null || xml.length() <= MAX_XML_LENGTH, "xml",
                        "must be at most " + MAX_XML_LENGTH + " characters")
                .throwIfInvalid();
        lessons = Map.copyOf(lessons);
    }
}
