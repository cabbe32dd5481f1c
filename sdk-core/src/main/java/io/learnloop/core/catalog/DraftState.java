package io.learnloop.core.catalog;

/**
 * The state of a course's pending version (the draft).
 *
 * <p>Thread-safe: an enum.
 */
public enum DraftState {
    /** Its authors are editing it. */
    EDITING,
    /** It waits for reviewers; nobody may edit it. */
    IN_REVIEW
}
