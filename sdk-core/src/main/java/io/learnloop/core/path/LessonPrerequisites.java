package io.learnloop.core.path;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * The lessons a learner should have completed before a lesson: its direct prerequisites, in its own course or in
 * another. Prerequisites of all lessons form a directed acyclic graph; a declaration that would close a cycle is
 * refused.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lesson     the lesson
 * @param course     the course the lesson belongs to
 * @param requires   its direct prerequisites, sorted by id (copied; empty when it has none)
 * @param declaredBy who declared them last, or null when none were ever declared
 * @param declaredAt when, or null when none were ever declared
 */
public record LessonPrerequisites(LessonId lesson, CourseId course, List<LessonId> requires, UserId declaredBy,
                                  Instant declaredAt) {
    /**
     * Copies.
     *
     * @param lesson     the lesson
     * @param course     its course
     * @param requires   the prerequisites
     * @param declaredBy who declared them
     * @param declaredAt when
     */
    public LessonPrerequisites {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }
}
