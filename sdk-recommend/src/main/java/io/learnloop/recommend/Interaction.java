package io.learnloop.recommend;

import io.learnloop.core.error.Validator;

import java.time.Instant;

/**
 * One thing a learner did with a course, the unit the recommenders learn from. A host (or an adapter over the core
 * store) produces these from purchases, enrolments, progress, completions, ratings and the wishlist and view events
 * it records.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learnerId the learner, non-blank
 * @param courseId  the course, non-blank
 * @param kind      what happened
 * @param weight    the strength (a rating, a click count, a fraction done; 1 when there is nothing to say), finite
 *                  and not negative
 * @param timestamp when it happened
 */
public record Interaction(String learnerId, String courseId, InteractionKind kind, double weight, Instant timestamp) {
    /**
     * Validates.
     *
     * @param learnerId the learner
     * @param courseId  the course
     * @param kind      what happened
     * @param weight    the strength
     * @param timestamp when
     */
    public Interaction {
        new Validator()
                .notBlank("learnerId", learnerId, 200)
                .notBlank("courseId", courseId, 200)
                .notNull("kind", kind)
                .check(Double.isFinite(weight) && weight >= 0, "weight", "must be a finite number >= 0 (was " + weight + ")")
                .notNull("timestamp", timestamp)
                .throwIfInvalid();
    }

    /**
     * Shorthand for an interaction of weight 1.
     *
     * @param learnerId the learner
     * @param courseId  the course
     * @param kind      what happened
     * @param timestamp when
     * @return the interaction
     */
    public static Interaction of(String learnerId, String courseId, InteractionKind kind, Instant timestamp) {
        return new Interaction(learnerId, courseId, kind, 1.0, timestamp);
    }
}
