package io.learnloop.core.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

/**
 * Answers whether a user earns commission by promoting a course; affiliates may not review what they sell.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AffiliateDirectory {
    /** A directory without affiliates. */
    AffiliateDirectory NONE = (user, course) -> false;

    /**
     * Whether the user is an affiliate of the course.
     *
     * @param user   the user
     * @param course the course
     * @return true if an affiliate
     */
    boolean isAffiliate(UserId user, CourseId course);
}
