package io.learnloop.core.path;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * The courses a learner should know before a course: its direct prerequisites. Prerequisites of all courses form a
 * directed acyclic graph; a declaration that would close a cycle is refused.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course     the course
 * @param requires   its direct prerequisites, sorted by id (copied; empty when it has none)
 * @param declaredBy who declared them last, or null when none were ever declared
 * @param declaredAt when, or null when none were ever declared
 */
public record CoursePrerequisites(CourseId course, List<CourseId> requires, UserId declaredBy, Instant declaredAt) {
    /**
     * Copies.
     *
     * @param course     the course
     * @param requires   the prerequisites
     * @param declaredBy who declared them
     * @param declaredAt when
     */
    public CoursePrerequisites {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    /**
     * A course without prerequisites.
     *
     * @param course the course
     * @return the empty declaration
     */
    public static CoursePrerequisites none(CourseId course) {
        return new CoursePrerequisites(course, List.of(), null, null);
    }
}
