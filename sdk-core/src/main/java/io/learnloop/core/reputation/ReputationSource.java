package io.learnloop.core.reputation;

/**
 * What earned a learner reputation. Each source is worth the points its {@link ReputationPolicy} gives it.
 *
 * <p>Thread-safe: an enum.
 */
public enum ReputationSource {
    /** The learner's answer was accepted as the answer to a question (by its asker or a moderator). */
    ACCEPTED_ANSWER,
    /** Another learner marked the learner's community post helpful (a like or another helpful reaction). */
    HELPFUL_POST,
    /** The learner reviewed another learner's practice work. */
    PEER_REVIEW,
    /** Another learner marked a note the learner shared with the course helpful. */
    SHARED_NOTE
}
