package io.learnloop.core.recall;

/**
 * Where a card stands in the FSRS cycle.
 *
 * <p>Thread-safe: an enum.
 */
public enum CardState {
    /** Never reviewed. */
    NEW,
    /** Being learnt through the short learning steps. */
    LEARNING,
    /** Graduated: scheduled in days by its stability. */
    REVIEW,
    /** Forgotten after graduating, and being relearnt through the relearning steps. */
    RELEARNING
}
