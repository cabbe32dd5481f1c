package io.learnloop.core.catalog;

/**
 * Who a course is written for.
 *
 * <p>Thread-safe: an enum.
 */
public enum CourseLevel {
    /** No prior knowledge needed. */
    BEGINNER,
    /** Some prior knowledge needed. */
    INTERMEDIATE,
    /** Solid prior knowledge needed. */
    ADVANCED,
    /** Useful at every level. */
    ALL_LEVELS
}
