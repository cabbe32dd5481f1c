package io.learnloop.community;

import io.learnloop.core.identity.UserId;

/**
 * Where study-group goals read learners' course progress. The host supplies it, usually as an adapter over the core
 * learning-progress service.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ProgressSource {
    /**
     * A learner's progress in a course.
     *
     * @param user     the learner
     * @param courseId the course
     * @return the share completed, 0 to 100 (values outside are clamped)
     */
    int percentComplete(UserId user, String courseId);

    /**
     * A source that knows no progress (everyone at 0).
     *
     * @return the source
     */
    static ProgressSource none() {
        return (user, courseId) -> 0;
    }
}
