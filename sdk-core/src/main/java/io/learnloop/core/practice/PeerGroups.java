package io.learnloop.core.practice;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

/**
 * The host's grouping of learners (a study group, a team, a company): on an assignment with
 * {@link AssignmentDraft#separateGroups()}, reviewers are never given work of their own group. Set with
 * {@code Learnloop.Builder.peerGroups}; by default nobody is in a group.
 *
 * <p>Thread-safe: implementations must be.
 */
@FunctionalInterface
public interface PeerGroups {
    /** Nobody is in a group. */
    PeerGroups NONE = (learner, course) -> null;

    /**
     * A learner's group in a course.
     *
     * @param learner the learner
     * @param course  the course
     * @return the group key (up to 128 characters), or null when the learner is in none
     */
    String groupOf(UserId learner, CourseId course);
}
