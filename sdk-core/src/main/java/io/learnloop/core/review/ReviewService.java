package io.learnloop.core.review;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.review.DefaultReviewService;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.ProgressService;

import java.util.List;
import java.util.Optional;

/**
 * Reviews with trust rules: only learners who paid (or hold a membership) and really took the course may review it;
 * its authors and affiliates may not; refunded buyers' reviews stop counting.
 *
 * <p>Thread-safe.
 */
public interface ReviewService {
    /** The longest review text accepted, in characters. */
    int MAX_BODY = 5_000;

    /**
     * Creates the service.
     *
     * @param context      the facade's context
     * @param catalog      course facts (authors)
     * @param progress     progress (completion share)
     * @param entitlements entitlement history
     * @param affiliates   affiliates of each course
     * @param policy       the rules
     * @return the service
     */
    static ReviewService create(ServiceContext context, LessonCatalog catalog, ProgressService progress,
                                EntitlementHistory entitlements, AffiliateDirectory affiliates, ReviewPolicy policy) {
        return new DefaultReviewService(context, catalog, progress, entitlements, affiliates, policy);
    }

    /**
     * Writes the learner's review of a course, or edits it (keeping the earlier version in its history).
     *
     * @param learner the learner
     * @param course  the course
     * @param draft   the review
     * @return the stored review
     * @throws io.learnloop.core.error.ValidationException naming each bad field; nothing is stored
     * @throws io.learnloop.core.error.ForbiddenException  for the course's creator, co-authors and affiliates, for
     *                                                     learners without a paid or membership entitlement or whose
     *                                                     purchase was refunded, and below the completion threshold
     */
    Review submit(UserId learner, CourseId course, ReviewDraft draft);

    /**
     * Reads a review.
     *
     * @param id the review
     * @return the review
     */
    Review review(ReviewId id);

    /**
     * The learner's review of a course.
     *
     * @param learner the learner
     * @param course  the course
     * @return the review, or empty
     */
    Optional<Review> reviewOf(UserId learner, CourseId course);

    /**
     * Every review a learner wrote, in any state (visible, pending or hidden), oldest first: what the learner sees
     * on their own page, and what a report of reviews written counts.
     *
     * @param learner the learner
     * @return the reviews
     */
    List<Review> reviewsBy(UserId learner);

    /**
     * One page of the visible reviews of a course, most helpful first, then newest.
     *
     * @param course the course
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page (refunded buyers' reviews are included but marked)
     */
    Page<Review> visibleReviews(CourseId course, String cursor, int limit);

    /**
     * The course's rating summary.
     *
     * @param course the course
     * @return the summary
     */
    RatingSummary summary(CourseId course);

    /**
     * The mean rating of every counted review of this tenant, the Bayesian prior.
     *
     * @return the mean, or the policy's fallback without reviews
     */
    double platformMean();

    /**
     * Marks a review helpful. Voting twice changes nothing.
     *
     * @param voter the voter (not the review's author)
     * @param id    the review
     * @return the review
     */
    Review voteHelpful(UserId voter, ReviewId id);

    /**
     * Withdraws a helpful vote.
     *
     * @param voter the voter
     * @param id    the review
     * @return the review
     */
    Review withdrawVote(UserId voter, ReviewId id);

    /**
     * Moderates a review.
     *
     * @param moderator a moderator
     * @param id        the review
     * @param state     the new state
     * @param reason    why (required to hide or remove)
     * @return the review
     */
    Review moderate(Actor moderator, ReviewId id, ReviewState state, String reason);

    /**
     * Re-reads the learner's standing and marks their review of the course as a refunded buyer's (standing
     * {@link PurchaseStanding#REFUNDED}) or unmarks it (standing {@link PurchaseStanding#QUALIFYING}, for example after
     * buying again); a standing of {@link PurchaseStanding#NONE} changes nothing.
     *
     * @param learner the learner
     * @param course  the course
     * @return the review, or empty if the learner has none
     */
    Optional<Review> refreshStanding(UserId learner, CourseId course);

    /**
     * The listener that marks refunded buyers' reviews: on {@code access.revoked} events it calls
     * {@link #refreshStanding}. Register it on the facade's builder.
     *
     * @return the listener
     */
    EventListener refundListener();
}
