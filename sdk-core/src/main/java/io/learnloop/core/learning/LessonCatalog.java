package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;

import java.util.List;
import java.util.Optional;

/**
 * The facts about lessons that progress, notes and certificates need, read from the course catalogue. The SDK
 * adapts its own catalogue to this interface; a host may supply another source.
 *
 * <p>Implementations must be thread-safe.
 */
public interface LessonCatalog {
    /**
     * Looks up one lesson.
     *
     * @param lesson the lesson
     * @return its facts, or empty if no such lesson exists
     */
    Optional<LessonFacts> lesson(LessonId lesson);

    /**
     * The lessons of a course, in the order learners meet them.
     *
     * @param course the course
     * @return its lessons (empty if the course is unknown or has none)
     */
    List<LessonFacts> lessons(CourseId course);

    /**
     * Looks up a course.
     *
     * @param course the course
     * @return its facts, or empty if no such course exists
     */
    Optional<CourseFacts> course(CourseId course);
}
