package io.learnloop.core.internal.review;

import io.learnloop.core.review.HelpfulVote;
import io.learnloop.core.review.Review;
import io.learnloop.core.review.ReviewState;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregate types of reviews.
 *
 * <p>Thread-safe: constants only.
 */
public final class ReviewTypes {
    /** Index of course ids. */
    public static final String BY_COURSE = "course";
    /** Index of a course's visible reviews, most helpful first, then newest. */
    public static final String VISIBLE = "visible";
    /** Index of learner ids. */
    public static final String BY_LEARNER = "learner";
    /** Unique: one review per learner and course. */
    public static final String LEARNER_COURSE = "learner-course";

    /** A review. */
    public static final AggregateType<Review> REVIEW = AggregateType
            .builder("review", Review.class, r -> r.id().value())
            .index(BY_COURSE, r -> r.courseId().value())
            .sortedIndex(VISIBLE, r -> r.state() == ReviewState.VISIBLE ? r.courseId().value() : null,
                    ReviewTypes::helpfulFirst)
            .index(BY_LEARNER, r -> r.learner().value())
            .unique(LEARNER_COURSE, r -> r.learner().value() + "|" + r.courseId().value())
            .build();

    /** A helpful vote; its id is {@code review|voter}, so one per voter. */
    public static final AggregateType<HelpfulVote> VOTE = AggregateType
            .builder("review_vote", HelpfulVote.class, HelpfulVote::id)
            .build();

    /** More helpful votes first, then newer first: both counted down from the largest value. */
    private static String helpfulFirst(Review r) {
        return SortKeys.number(Long.MAX_VALUE - r.helpfulVotes())
                + SortKeys.number(Long.MAX_VALUE - Math.max(0, r.createdAt().toEpochMilli()));
    }

    private ReviewTypes() {
    }
}
