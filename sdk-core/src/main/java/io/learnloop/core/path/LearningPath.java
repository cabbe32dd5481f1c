package io.learnloop.core.path;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A learning path: an ordered set of courses with milestones, kept by whoever created it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          the id
 * @param title       the title
 * @param description the description, possibly empty
 * @param courses     the courses in the order to take them (copied)
 * @param milestones  the milestones (copied)
 * @param owner       who created it and may change it
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 * @param archivedAt  when its owner archived it, or null while it is offered
 */
public record LearningPath(PathId id, String title, String description, List<CourseId> courses,
                           List<Milestone> milestones, UserId owner, Instant createdAt, Instant updatedAt,
                           Instant archivedAt) {
    /**
     * Copies.
     *
     * @param id          the id
     * @param title       the title
     * @param description the description
     * @param courses     the courses
     * @param milestones  the milestones
     * @param owner       the owner
     * @param createdAt   created
     * @param updatedAt   updated
     * @param archivedAt  archived, or null
     */
    public LearningPath {
        courses = courses == null ? List.of() : List.copyOf(courses);
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /**
     * Whether the path is archived: no longer listed, no longer changed, still readable by those who follow it.
     *
     * @return true once archived
     */
    public boolean archived() {
        return archivedAt != null;
    }
}
