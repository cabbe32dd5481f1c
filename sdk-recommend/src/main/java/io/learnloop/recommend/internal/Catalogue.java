package io.learnloop.recommend.internal;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Course content features keyed by id, with display names for explanations.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class Catalogue {
    private final Map<String, CourseInfo> byId = new HashMap<>();

    /**
     * Creates a catalogue.
     *
     * @param courses the courses, may be empty
     */
    public Catalogue(Collection<CourseInfo> courses) {
        for (CourseInfo c : courses) {
            byId.put(c.id(), c);
        }
    }

    /**
     * Returns a course's features.
     *
     * @param id the course id
     * @return the features, or null when the course is not in the catalogue
     */
    public CourseInfo get(String id) {
        return byId.get(id);
    }

    /**
     * Returns whether the catalogue is empty.
     *
     * @return true when no course is known
     */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /**
     * Returns a name to show for a course: its title, or its id.
     *
     * @param matrix the matrix
     * @param course the course index
     * @return the name
     */
    public String title(InteractionMatrix matrix, int course) {
        String id = matrix.courseId(course);
        CourseInfo c = byId.get(id);
        return c == null || c.title().isBlank() ? id : c.title();
    }

    /**
     * Returns a course's category.
     *
     * @param matrix the matrix
     * @param course the course index
     * @return the category, empty when unknown
     */
    public String category(InteractionMatrix matrix, int course) {
        CourseInfo c = byId.get(matrix.courseId(course));
        return c == null ? "" : c.category();
    }
}
