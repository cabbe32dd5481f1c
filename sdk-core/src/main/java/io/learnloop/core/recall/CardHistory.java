package io.learnloop.core.recall;

import io.learnloop.core.error.Validator;

import java.time.Instant;
import java.util.List;

/**
 * Every review of one card by one learner, oldest first, starting with the card's first review.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reviews the reviews, in time order
 */
public record CardHistory(List<RatedReview> reviews) {
    /**
     * Validates and copies.
     *
     * @param reviews the reviews
     * @throws io.learnloop.core.error.ValidationException if the list is missing, holds a null, or is out of time
     *                                                     order
     */
    public CardHistory {
        Validator v = new Validator().notNull("reviews", reviews);
        if (reviews != null) {
            for (int i = 0; i < reviews.size(); i++) {
                RatedReview r = reviews.get(i);
                v.check(r != null, "reviews[" + i + "]", "must not be null");
                if (r != null && i > 0 && reviews.get(i - 1) != null) {
                    v.check(!r.reviewedAt().isBefore(reviews.get(i - 1).reviewedAt()), "reviews[" + i + "]",
                            "must not be before the review before it (" + reviews.get(i - 1).reviewedAt() + ")");
                }
            }
        }
        v.throwIfInvalid();
        reviews = List.copyOf(reviews);
    }

    /**
     * The reviews before an instant: the history as it stood then, for fitting on the past and testing on the
     * future.
     *
     * @param cutoff the first instant left out
     * @return the earlier part
     */
    public CardHistory before(Instant cutoff) {
        return new CardHistory(reviews.stream().filter(r -> r.reviewedAt().isBefore(cutoff)).toList());
    }
}
