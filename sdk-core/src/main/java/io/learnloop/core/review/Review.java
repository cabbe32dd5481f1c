package io.learnloop.core.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A learner's review of a course, as stored. One per learner and course.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id               the review
 * @param courseId         the course
 * @param learner          the author
 * @param rating           1 to 5 stars
 * @param title            the headline, or null
 * @param body             the text, or null
 * @param state            the moderation state
 * @param moderationReason why it was hidden or removed, or null
 * @param refunded         whether the author's purchase was refunded (then it is not counted)
 * @param helpfulVotes     how many other users found it helpful
 * @param history          earlier versions, oldest first
 * @param createdAt        when first written
 * @param updatedAt        when last changed
 */
public record Review(ReviewId id, CourseId courseId, UserId learner, int rating, String title, String body,
                     ReviewState state, String moderationReason, boolean refunded, int helpfulVotes,
                     List<ReviewRevision> history, Instant createdAt, Instant updatedAt) {
    /**
     * Copies the history.
     *
     * @param id               the id
     * @param courseId         the course
     * @param learner          the author
     * @param rating           the stars
     * @param title            the headline
     * @param body             the text
     * @param state            the state
     * @param moderationReason the reason
     * @param refunded         whether refunded
     * @param helpfulVotes     the votes
     * @param history          the history
     * @param createdAt        when created
     * @param updatedAt        when updated
     */
    public Review {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * Whether it counts in the rating summary: visible and not from a refunded buyer.
     *
     * @return true if counted
     */
    public boolean counted() {
        return state == ReviewState.VISIBLE && !refunded;
    }
}
