package io.learnloop.core.review;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * One user's "helpful" vote on a review, as stored.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       {@code review|voter}
 * @param reviewId the review
 * @param voter    the voter
 * @param votedAt  when
 */
public record HelpfulVote(String id, ReviewId reviewId, UserId voter, Instant votedAt) {
}
