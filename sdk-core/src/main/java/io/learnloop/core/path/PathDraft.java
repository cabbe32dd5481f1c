package io.learnloop.core.path;

import io.learnloop.core.catalog.CourseId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a learning path holds: a title, its courses in the order to take them and its milestones. Validated by
 * {@link LearningPathService#createPath} and {@link LearningPathService#updatePath}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param title       the title, 1 to 200 characters
 * @param description a description, up to 2,000 characters (null for none)
 * @param courses     the courses in order, 1 to {@value LearningPathService#MAX_PATH_COURSES}, each once; a course
 *                    never comes before one of its (direct or indirect) prerequisites (copied)
 * @param milestones  up to {@value LearningPathService#MAX_MILESTONES} milestones, each reached with a course of the
 *                    path (copied; null for none)
 */
public record PathDraft(String title, String description, List<CourseId> courses, List<Milestone> milestones) {
    /**
     * Copies; a null description becomes empty and null lists become empty (list elements are checked by the
     * service, which names each bad one).
     *
     * @param title       the title
     * @param description the description
     * @param courses     the courses
     * @param milestones  the milestones
     */
    public PathDraft {
        description = description == null ? "" : description;
        courses = courses == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(courses));
        milestones = milestones == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(milestones));
    }
}
