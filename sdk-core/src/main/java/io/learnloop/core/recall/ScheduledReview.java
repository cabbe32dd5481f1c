package io.learnloop.core.recall;

/**
 * The result of one review: the card as it stands after it, and the log of the review.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param card the card after the review
 * @param log  the review's log
 */
public record ScheduledReview(Card card, ReviewLog log) {
}
