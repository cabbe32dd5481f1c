package io.learnloop.core.catalog;

/**
 * A reviewer's decision on a submitted course version.
 *
 * <p>Thread-safe: an enum.
 */
public enum ReviewVerdict {
    /** The version may be published. */
    APPROVED,
    /** The version goes back to its authors with reasons. */
    CHANGES_REQUESTED
}
