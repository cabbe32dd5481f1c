package io.learnloop.core.recall;

import io.learnloop.core.error.Validator;

import java.time.Instant;

/**
 * One review in a card's history: when it happened and the rating given. This is all the optimiser needs of a review
 * log.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reviewedAt when the review happened
 * @param rating     the rating given
 */
public record RatedReview(Instant reviewedAt, Rating rating) {
    /**
     * Validates.
     *
     * @param reviewedAt when
     * @param rating     the rating
     * @throws io.learnloop.core.error.ValidationException if either is missing
     */
    public RatedReview {
        new Validator().notNull("reviewedAt", reviewedAt).notNull("rating", rating).throwIfInvalid();
    }

    /**
     * The review a log records.
     *
     * @param log the log
     * @return the review
     */
    public static RatedReview of(ReviewLog log) {
        return new RatedReview(log.reviewedAt(), log.rating());
    }
}
