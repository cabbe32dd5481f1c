package io.learnloop.core.internal.review;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.CourseFacts;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.review.AffiliateDirectory;
import io.learnloop.core.review.EntitlementHistory;
import io.learnloop.core.review.HelpfulVote;
import io.learnloop.core.review.PurchaseStanding;
import io.learnloop.core.review.RatingSummary;
import io.learnloop.core.review.Review;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.core.review.ReviewId;
import io.learnloop.core.review.ReviewPolicy;
import io.learnloop.core.review.ReviewRevision;
import io.learnloop.core.review.ReviewService;
import io.learnloop.core.review.ReviewState;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The review service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultReviewService implements ReviewService {

    private final ServiceContext context;
    private final LessonCatalog catalog;
    private final ProgressService progress;
    private final EntitlementHistory entitlements;
    private final AffiliateDirectory affiliates;
    private final ReviewPolicy policy;

    /**
     * Creates the service.
     *
     * @param context      the context
     * @param catalog      course facts
     * @param progress     progress
     * @param entitlements entitlement history
     * @param affiliates   affiliates
     * @param policy       the rules
     */
    public DefaultReviewService(ServiceContext context, LessonCatalog catalog, ProgressService progress,
                                EntitlementHistory entitlements, AffiliateDirectory affiliates, ReviewPolicy policy) {
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.affiliates = Objects.requireNonNull(affiliates, "affiliates");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Review submit(UserId learner, CourseId course, ReviewDraft draft) {
        Validator v = new Validator().notNull("learner", learner).notNull("courseId", course).notNull("draft", draft);
        CourseFacts facts = course == null ? null : catalog.course(course).orElse(null);
        if (course != null) {
            v.check(facts != null, "courseId", "no course '" + course + "' exists");
        }
        if (draft != null) {
            v.check(draft.rating() >= 1 && draft.rating() <= 5, "rating", "must be 1 to 5 stars (was " + draft.rating() + ")")
                    .maxLength("title", draft.title(), 200)
                    .maxLength("body", draft.body(), MAX_BODY);
        }
        v.throwIfInvalid();
        requireEligible(learner, facts);
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Instant now = context.now();
            Optional<Versioned<Review>> existing = uow.findUnique(ReviewTypes.REVIEW, ReviewTypes.LEARNER_COURSE,
                    learner.value() + "|" + course.value());
            Review saved;
            if (existing.isPresent()) {
                Review r = existing.get().value();
                if (r.state() == ReviewState.REMOVED) {
                    throw new ConflictException(ErrorCode.INVALID_STATE, "Review '" + r.id()
                            + "' was removed by a moderator and can no longer be edited.");
                }
                List<ReviewRevision> history = new ArrayList<>(r.history());
                history.add(new ReviewRevision(r.rating(), r.title(), r.body(), r.updatedAt()));
                saved = new Review(r.id(), r.courseId(), r.learner(), draft.rating(), clean(draft.title()),
                        clean(draft.body()), r.state(), r.moderationReason(), false, r.helpfulVotes(), history,
                        r.createdAt(), now);
                uow.update(ReviewTypes.REVIEW, saved, existing.get().version());
                RatingTallies.moved(uow, r, saved);
            } else {
                saved = new Review(new ReviewId(context.newId()), course, learner, draft.rating(), clean(draft.title()),
                        clean(draft.body()), ReviewState.VISIBLE, null, false, 0, List.of(), now, now);
                uow.insert(ReviewTypes.REVIEW, saved);
                RatingTallies.moved(uow, null, saved);
            }
            uow.publish(context.event(EventTypes.REVIEW_SUBMITTED, saved.id().value(), Map.of(
                    "learnerId", learner.value(), "courseId", course.value(), "rating", Integer.toString(saved.rating()),
                    "edited", Boolean.toString(existing.isPresent()))));
            return saved;
        }));
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private void requireEligible(UserId learner, CourseFacts course) {
        CourseId id = course.courseId();
        if (course.creator().equals(learner)) {
            throw new ForbiddenException("User '" + learner + "' is the creator of course '" + id
                    + "' and cannot review it; reviews come only from its learners.");
        }
        if (course.coAuthors().contains(learner)) {
            throw new ForbiddenException("User '" + learner + "' is a co-author of course '" + id
                    + "' and cannot review it; reviews come only from its learners.");
        }
        if (affiliates.isAffiliate(learner, id)) {
            throw new ForbiddenException("User '" + learner + "' earns commission as an affiliate of course '" + id
                    + "' and cannot review it.");
        }
        PurchaseStanding standing = entitlements.standing(learner, id);
        if (standing == PurchaseStanding.NONE) {
            throw new ForbiddenException("User '" + learner + "' has never bought course '" + id
                    + "' or held it through a membership; only paying learners may review it.");
        }
        if (standing == PurchaseStanding.REFUNDED) {
            throw new ForbiddenException("User '" + learner + "' was refunded for course '" + id
                    + "'; refunded buyers may not review it.");
        }
        CourseCompletion completion = progress.courseCompletion(learner, id);
        if (completion.share() < policy.minimumCompletion()) {
            throw new ForbiddenException("User '" + learner + "' has completed " + completion.percent()
                    + "% of course '" + id + "'; at least " + Math.round(policy.minimumCompletion() * 100)
                    + "% is needed to review it.");
        }
    }

    @Override
    public Review review(ReviewId id) {
        new Validator().notNull("reviewId", id).throwIfInvalid();
        return context.read(uow -> uow.get(ReviewTypes.REVIEW, id.value()).value());
    }

    @Override
    public Optional<Review> reviewOf(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("courseId", course).throwIfInvalid();
        return context.read(uow -> uow.findUnique(ReviewTypes.REVIEW, ReviewTypes.LEARNER_COURSE,
                learner.value() + "|" + course.value())).map(Versioned::value);
    }

    @Override
    public List<Review> reviewsBy(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return context.read(uow -> uow.findBy(ReviewTypes.REVIEW, ReviewTypes.BY_LEARNER, learner.value()))
                .stream().map(Versioned::value).sorted(Comparator.comparing(Review::createdAt)).toList();
    }

    @Override
    public Page<Review> visibleReviews(CourseId course, String cursor, int limit) {
        new Validator().notNull("courseId", course).throwIfInvalid();
        return context.read(uow -> Pages.page(uow, ReviewTypes.REVIEW, ReviewTypes.VISIBLE, course.value(),
                IndexRange.first(limit), cursor, r -> r));
    }

    @Override
    public RatingSummary summary(CourseId course) {
        new Validator().notNull("courseId", course).throwIfInvalid();
        return context.read(uow -> RatingMath.fromStars(course, RatingTallies.ofCourse(uow, course).stars(),
                platformMean(uow), policy.priorWeight()));
    }

    @Override
    public double platformMean() {
        return context.read(this::platformMean);
    }

    private double platformMean(UnitOfWork uow) {
        RatingTally platform = RatingTallies.ofPlatform(uow);
        return platform.count() == 0 ? policy.fallbackPrior() : (double) platform.sum() / platform.count();
    }

    @Override
    public Review voteHelpful(UserId voter, ReviewId id) {
        new Validator().notNull("voter", voter).notNull("reviewId", id).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<Review> v = uow.get(ReviewTypes.REVIEW, id.value());
            Review r = v.value();
            if (r.learner().equals(voter)) {
                throw new ForbiddenException("User '" + voter + "' wrote review '" + id + "' and cannot vote for it.");
            }
            String voteId = id.value() + "|" + voter.value();
            if (uow.find(ReviewTypes.VOTE, voteId).isPresent()) {
                return r;
            }
            uow.insert(ReviewTypes.VOTE, new HelpfulVote(voteId, id, voter, context.now()));
            return update(uow, v, r.helpfulVotes() + 1);
        }));
    }

    @Override
    public Review withdrawVote(UserId voter, ReviewId id) {
        new Validator().notNull("voter", voter).notNull("reviewId", id).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<Review> v = uow.get(ReviewTypes.REVIEW, id.value());
            Optional<Versioned<HelpfulVote>> vote = uow.find(ReviewTypes.VOTE, id.value() + "|" + voter.value());
            if (vote.isEmpty()) {
                return v.value();
            }
            uow.delete(ReviewTypes.VOTE, vote.get().value().id(), vote.get().version());
            return update(uow, v, v.value().helpfulVotes() - 1);
        }));
    }

    private static Review update(UnitOfWork uow, Versioned<Review> v, int votes) {
        Review r = v.value();
        Review next = new Review(r.id(), r.courseId(), r.learner(), r.rating(), r.title(), r.body(), r.state(),
                r.moderationReason(), r.refunded(), votes, r.history(), r.createdAt(), r.updatedAt());
        return uow.update(ReviewTypes.REVIEW, next, v.version()).value();
    }

    @Override
    public Review moderate(Actor moderator, ReviewId id, ReviewState state, String reason) {
        Validator v = new Validator().notNull("moderator", moderator).notNull("reviewId", id).notNull("state", state)
                .maxLength("reason", reason, 500);
        if (state != null && state != ReviewState.VISIBLE) {
            v.notBlank("reason", reason, 500);
        }
        v.throwIfInvalid();
        moderator.require(Role.MODERATOR, "moderate reviews");
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<Review> stored = uow.get(ReviewTypes.REVIEW, id.value());
            Review r = stored.value();
            if (r.state() == ReviewState.REMOVED && state != ReviewState.REMOVED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Review '" + id + "' was removed; removal is final.");
            }
            Review next = new Review(r.id(), r.courseId(), r.learner(), r.rating(), r.title(), r.body(), state,
                    state == ReviewState.VISIBLE ? null : reason, r.refunded(), r.helpfulVotes(), r.history(),
                    r.createdAt(), context.now());
            RatingTallies.moved(uow, r, next);
            return uow.update(ReviewTypes.REVIEW, next, stored.version()).value();
        }));
    }

    @Override
    public Optional<Review> refreshStanding(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("courseId", course).throwIfInvalid();
        // Every grant and revocation announces itself here, and nearly every one concerns a learner with no review
        // of the course (a buyer at the moment of purchase): one key read answers them without working out the
        // standing, which reads the learner's grants, or opening a transaction.
        if (context.read(uow -> uow.findUnique(ReviewTypes.REVIEW, ReviewTypes.LEARNER_COURSE,
                learner.value() + "|" + course.value())).isEmpty()) {
            return Optional.empty();
        }
        PurchaseStanding standing = entitlements.standing(learner, course);
        // only a definite answer changes the mark: a history that knows nothing of the learner leaves it alone
        boolean refunded = standing == PurchaseStanding.REFUNDED;
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Optional<Versioned<Review>> found = uow.findUnique(ReviewTypes.REVIEW, ReviewTypes.LEARNER_COURSE,
                    learner.value() + "|" + course.value());
            if (found.isEmpty() || standing == PurchaseStanding.NONE || found.get().value().refunded() == refunded) {
                return found.map(Versioned::value);
            }
            Review r = found.get().value();
            Review next = new Review(r.id(), r.courseId(), r.learner(), r.rating(), r.title(), r.body(), r.state(),
                    r.moderationReason(), refunded, r.helpfulVotes(), r.history(), r.createdAt(), context.now());
            RatingTallies.moved(uow, r, next);
            return Optional.of(uow.update(ReviewTypes.REVIEW, next, found.get().version()).value());
        }));
    }

    @Override
    public EventListener refundListener() {
        return this::onEvent;
    }

    private void onEvent(DomainEvent event) {
        if (!EventTypes.ACCESS_REVOKED.equals(event.type()) && !EventTypes.ACCESS_GRANTED.equals(event.type())) {
            return;
        }
        String learner = event.get("learnerId") != null ? event.get("learnerId") : event.get("learner");
        String course = event.get("courseId") != null ? event.get("courseId") : event.get("course");
        if (learner == null || course == null) {
            return;
        }
        try {
            refreshStanding(UserId.of(learner), CourseId.of(course));
        } catch (ValidationException e) {
            // an event naming ids this SDK would not accept concerns no review
        }
    }

    @Override
    public String toString() {
        return "ReviewService";
    }
}
