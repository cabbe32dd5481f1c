package io.learnloop.core.review;

import java.time.Instant;

/**
 * An earlier version of an edited review.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param rating    the stars
 * @param title     the headline
 * @param body      the text
 * @param writtenAt when that version was written
 */
public record ReviewRevision(int rating, String title, String body, Instant writtenAt) {
}
