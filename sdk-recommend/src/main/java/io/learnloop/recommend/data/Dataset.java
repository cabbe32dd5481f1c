package io.learnloop.recommend.data;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;

import java.util.List;
import java.util.Objects;

/**
 * Interactions and, where the source has them, course features.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param name         a short description of the source
 * @param interactions the interactions, copied
 * @param courses      the course features, copied; empty when the source has none
 */
public record Dataset(String name, List<Interaction> interactions, List<CourseInfo> courses) {
    /**
     * Validates and copies.
     *
     * @param name         the source
     * @param interactions the interactions
     * @param courses      the courses
     */
    public Dataset {
        Objects.requireNonNull(name, "name");
        interactions = List.copyOf(interactions);
        courses = List.copyOf(courses);
    }
}
