package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.util.Set;

/**
 * What certificates and reviews need to know about a course.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId    the course
 * @param title       its title (the certificate's achievement name)
 * @param description a short description (the certificate's achievement description)
 * @param creator     the creator
 * @param coAuthors   the other authors (copied)
 */
public record CourseFacts(CourseId courseId, String title, String description, UserId creator, Set<UserId> coAuthors) {
    /**
     * Validates and copies.
     *
     * @param courseId    the course
     * @param title       the title
     * @param description the description
     * @param creator     the creator
     * @param coAuthors   the co-authors
     */
    public CourseFacts {
        new Validator().notNull("courseId", courseId).notBlank("title", title, 500).notNull("creator", creator)
                .throwIfInvalid();
        description = description == null || description.isBlank() ? title : description;
        coAuthors = coAuthors == null ? Set.of() : Set.copyOf(coAuthors);
    }

    /**
     * Whether a user wrote the course.
     *
     * @param user the user
     * @return true for the creator and each co-author
     */
    public boolean isAuthor(UserId user) {
        return creator.equals(user) || coAuthors.contains(user);
    }
}
