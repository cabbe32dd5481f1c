package io.learnloop.core.internal.review;

import java.util.List;

/**
 * The counted ratings of a course, or of the whole platform, kept up to date as reviews are written, hidden, shown or
 * marked refunded, so a rating summary reads five counters instead of every review.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param scope  {@code course:<id>} or {@code platform}
 * @param stars  counted reviews with 1 to 5 stars (five counts)
 * @param count  counted reviews
 * @param sum    the sum of their ratings
 */
public record RatingTally(String scope, List<Long> stars, long count, long sum) {
    /**
     * Copies the counts.
     *
     * @param scope  scope
     * @param stars  star counts
     * @param count  count
     * @param sum    sum
     */
    public RatingTally {
        stars = List.copyOf(stars);
    }
}
