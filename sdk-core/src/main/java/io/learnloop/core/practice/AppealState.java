package io.learnloop.core.practice;

/**
 * Where an appeal stands.
 *
 * <p>Thread-safe: an enum.
 */
public enum AppealState {
    /** Waiting for the instructor. */
    OPEN,
    /** Resolved: the grade stays. */
    KEPT,
    /** Resolved: the instructor set a new grade. */
    CHANGED
}
