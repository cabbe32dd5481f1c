package io.learnloop.core.path;

/**
 * Why a learner counts as knowing a course.
 *
 * <p>Thread-safe: an enum.
 */
public enum KnownBy {
    /** The learner completed the course (its required lessons). */
    COMPLETED,
    /** The learner holds a certificate for the course that stands (neither revoked nor expired). */
    CERTIFIED,
    /** The learner passed a quiz flagged as the course's placement quiz. */
    PLACEMENT
}
