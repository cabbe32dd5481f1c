package io.learnloop.community;

import io.learnloop.core.error.Validator;

/**
 * What a moderator supplies to create a general or course space.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param name        the display name, 1 to 50 characters
 * @param description a short description, at most 1000 characters, may be null
 * @param courseId    the course whose entitled learners may use the space, or null for a general space
 */
public record NewSpace(String name, String description, String courseId) {
    /** The longest space name. */
    public static final int MAX_NAME = 50;

    /**
     * A general space open to every member.
     *
     * @param name the name
     * @return the request
     */
    public static NewSpace general(String name) {
        return new NewSpace(name, null, null);
    }

    /**
     * A space for the learners entitled to one course.
     *
     * @param name     the name
     * @param courseId the course
     * @return the request
     */
    public static NewSpace course(String name, String courseId) {
        return new NewSpace(name, null, courseId);
    }

    /**
     * Checks every field.
     *
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public void validate() {
        new Validator()
                .notBlank("name", name, MAX_NAME)
                .maxLength("description", description, 1000)
                .check(courseId == null || !courseId.isBlank(), "courseId", "must be null or a course id")
                .throwIfInvalid();
    }
}
