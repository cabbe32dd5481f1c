package io.learnloop.community;

import io.learnloop.core.identity.UserId;

/**
 * Decides who may use a course space: the host supplies it, usually as an adapter over the core access service.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CourseAccess {
    /**
     * Whether a user is currently entitled to a course.
     *
     * @param user     the user
     * @param courseId the course
     * @return true if entitled
     */
    boolean entitled(UserId user, String courseId);
}
