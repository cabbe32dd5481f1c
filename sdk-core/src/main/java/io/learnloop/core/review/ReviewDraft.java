package io.learnloop.core.review;

/**
 * What a learner writes.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param rating 1 to 5 stars
 * @param title  a headline, or null (at most 200 characters)
 * @param body   the text, or null (at most {@value ReviewService#MAX_BODY} characters)
 */
public record ReviewDraft(int rating, String title, String body) {
}
