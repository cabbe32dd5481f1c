package io.learnloop.core.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.review.ReviewTypes;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.learning.LearningFixture;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReviewServiceTest {
    private static final CourseId C1 = CourseId.of("c1");
    private static final CourseId C2 = CourseId.of("c2");

    private LearningFixture fx;
    private ProgressService progress;
    private final Map<String, PurchaseStanding> standings = new ConcurrentHashMap<>();
    private ReviewService reviews;

    @BeforeEach
    void setUp() {
        fx = new LearningFixture();
        fx.catalog.course("c1", "Sourdough", "creator", "coauthor");
        for (int i = 1; i <= 5; i++) {
            fx.catalog.video("c1", "c1-l" + i, 60);
        }
        fx.catalog.course("c2", "Pastry", "someone-else");
        fx.catalog.video("c2", "c2-l1", 60);
        progress = fx.progress();
        EntitlementHistory history = (learner, course) ->
                standings.getOrDefault(learner.value() + "|" + course.value(), PurchaseStanding.NONE);
        AffiliateDirectory affiliates = (user, course) -> user.value().equals("promoter") && course.equals(C1);
        reviews = ReviewService.create(fx.context, fx.catalog, progress, history, affiliates, ReviewPolicy.defaults());
        fx.listen(reviews.refundListener());
    }

    private UserId buyer(String name, CourseId course, String... lessons) {
        standings.put(name + "|" + course.value(), PurchaseStanding.QUALIFYING);
        for (String lesson : lessons) {
            fx.clock.advance(Duration.ofSeconds(30));
            progress.report(new WatchReport(UserId.of(name), LessonId.of(lesson), "web", fx.clock.instant(),
                    List.of(WatchedSegment.of(0, 60))));
        }
        return UserId.of(name);
    }

    private static ReviewDraft stars(int n) {
        return new ReviewDraft(n, "Title " + n, "Body " + n);
    }

    @Test
    void submit_whenTheCreatorReviewsTheirOwnCourse_isForbiddenWithAClearMessage() {
        buyer("creator", C1, "c1-l1", "c1-l2");
        assertThatThrownBy(() -> reviews.submit(UserId.of("creator"), C1, stars(5)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("User 'creator' is the creator of course 'c1' and cannot review it; reviews come only from its learners.");
        buyer("coauthor", C1, "c1-l1");
        assertThatThrownBy(() -> reviews.submit(UserId.of("coauthor"), C1, stars(5)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("co-author");
        buyer("promoter", C1, "c1-l1");
        assertThatThrownBy(() -> reviews.submit(UserId.of("promoter"), C1, stars(5)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("affiliate");
        long stored = fx.context.read(uow -> uow.count(ReviewTypes.REVIEW));
        assertThat(stored).isZero();
    }

    @Test
    void submit_whenNoPaidEntitlementOrTooLittleCompleted_isForbidden() {
        UserId free = UserId.of("free");
        fx.clock.advance(Duration.ofSeconds(30));
        progress.report(new WatchReport(free, LessonId.of("c1-l1"), "web", fx.clock.instant(), List.of(WatchedSegment.of(0, 60))));
        assertThatThrownBy(() -> reviews.submit(free, C1, stars(4))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only paying learners");

        UserId starter = buyer("starter", C1);
        assertThatThrownBy(() -> reviews.submit(starter, C1, stars(4))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("has completed 0% of course 'c1'; at least 20% is needed");
        buyer("starter", C1, "c1-l1");
        assertThat(reviews.submit(starter, C1, stars(4)).rating()).isEqualTo(4);

        UserId refunded = buyer("refunded", C1, "c1-l1");
        standings.put("refunded|c1", PurchaseStanding.REFUNDED);
        assertThatThrownBy(() -> reviews.submit(refunded, C1, stars(1))).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("refunded");
    }

    @Test
    void submit_whenWrittenTwice_editsTheOneReviewKeepingHistory() {
        UserId ana = buyer("ana", C1, "c1-l1");
        Review first = reviews.submit(ana, C1, stars(3));
        fx.clock.advance(Duration.ofDays(1));
        Review second = reviews.submit(ana, C1, new ReviewDraft(5, "Changed my mind", "Better on a second pass"));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.rating()).isEqualTo(5);
        assertThat(second.history()).containsExactly(new ReviewRevision(3, "Title 3", "Body 3", first.updatedAt()));
        assertThat(reviews.visibleReviews(C1, null, 100).items()).hasSize(1);
        assertThat(fx.events(EventTypes.REVIEW_SUBMITTED)).hasSize(2);
    }

    @Test
    void summary_whenReviewsExist_matchesAHandComputedBayesianAverage() {
        reviews.submit(buyer("a", C1, "c1-l1"), C1, stars(5));
        reviews.submit(buyer("b", C1, "c1-l1"), C1, stars(5));
        reviews.submit(buyer("c", C1, "c1-l1"), C1, stars(4));
        reviews.submit(buyer("d", C2, "c2-l1"), C2, stars(2));
        reviews.submit(buyer("e", C2, "c2-l1"), C2, stars(3));

        // platform mean m = (5 + 5 + 4 + 2 + 3) / 5 = 3.8; weight C = 10
        assertThat(reviews.platformMean()).isCloseTo(3.8, within(1e-12));
        RatingSummary c1 = reviews.summary(C1);
        assertThat(c1.count()).isEqualTo(3);
        assertThat(c1.distribution()).containsExactly(0L, 0L, 0L, 1L, 2L);
        assertThat(c1.mean()).isCloseTo(14.0 / 3, within(1e-12));
        // (C * m + sum) / (C + n) = (10 * 3.8 + 14) / (10 + 3) = 52 / 13 = 4.0
        assertThat(c1.bayesianAverage()).isCloseTo(4.0, within(1e-12));
        // (38 + 5) / 12
        assertThat(reviews.summary(C2).bayesianAverage()).isCloseTo(43.0 / 12, within(1e-12));
    }

    @Test
    void summary_whenABuyerIsRefunded_leavesTheirReviewOut() {
        UserId a = buyer("a", C1, "c1-l1");
        reviews.submit(a, C1, stars(5));
        reviews.submit(buyer("b", C1, "c1-l1"), C1, stars(5));
        reviews.submit(buyer("c", C1, "c1-l1"), C1, stars(4));
        reviews.submit(buyer("d", C2, "c2-l1"), C2, stars(2));
        reviews.submit(buyer("e", C2, "c2-l1"), C2, stars(3));

        standings.put("a|c1", PurchaseStanding.REFUNDED);
        fx.context.transact(uow -> {
            uow.publish(fx.context.event(EventTypes.ACCESS_REVOKED, "grant-a",
                    Map.of("learner", "a", "course", "c1", "reason", "REFUND")));
            return null;
        });

        Review marked = reviews.reviewOf(a, C1).orElseThrow();
        assertThat(marked.refunded()).isTrue();
        assertThat(marked.counted()).isFalse();
        assertThat(reviews.visibleReviews(C1, null, 100).items()).extracting(Review::refunded).containsExactlyInAnyOrder(true, false, false);
        RatingSummary c1 = reviews.summary(C1);
        // platform m = (5 + 4 + 2 + 3) / 4 = 3.5; c1 = (10 * 3.5 + 9) / (10 + 2) = 44 / 12
        assertThat(c1.count()).isEqualTo(2);
        assertThat(c1.mean()).isCloseTo(4.5, within(1e-12));
        assertThat(c1.priorMean()).isCloseTo(3.5, within(1e-12));
        assertThat(c1.bayesianAverage()).isCloseTo(44.0 / 12, within(1e-12));
    }

    @Test
    void refreshStanding_whenTheLearnerWroteNoReview_asksNoStandingAndChangesNothing() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        EntitlementHistory counting = (learner, course) -> {
            asked.incrementAndGet();
            return standings.getOrDefault(learner.value() + "|" + course.value(), PurchaseStanding.NONE);
        };
        ReviewService counted = ReviewService.create(fx.context, fx.catalog, progress, counting, (u, c) -> false,
                ReviewPolicy.defaults());
        UserId a = buyer("a", C1, "c1-l1");
        reviews.submit(a, C1, stars(5));
        buyer("newcomer", C1);
        int before = asked.get();

        assertThat(counted.refreshStanding(UserId.of("newcomer"), C1)).isEmpty();
        assertThat(asked.get()).isEqualTo(before);

        standings.put("a|c1", PurchaseStanding.REFUNDED);
        assertThat(counted.refreshStanding(a, C1)).map(Review::refunded).contains(true);
        standings.put("a|c1", PurchaseStanding.QUALIFYING);
        assertThat(counted.refreshStanding(a, C1)).map(Review::refunded).contains(false);
        assertThat(asked.get()).isEqualTo(before + 2);
    }

    @Test
    void voteHelpful_whenRepeated_countsOnceAndNeverForTheAuthor() {
        UserId ana = buyer("ana", C1, "c1-l1");
        Review r = reviews.submit(ana, C1, stars(4));
        assertThat(reviews.voteHelpful(UserId.of("bob"), r.id()).helpfulVotes()).isEqualTo(1);
        assertThat(reviews.voteHelpful(UserId.of("bob"), r.id()).helpfulVotes()).isEqualTo(1);
        assertThat(reviews.voteHelpful(UserId.of("cid"), r.id()).helpfulVotes()).isEqualTo(2);
        assertThatThrownBy(() -> reviews.voteHelpful(ana, r.id())).isInstanceOf(ForbiddenException.class);
        assertThat(reviews.withdrawVote(UserId.of("bob"), r.id()).helpfulVotes()).isEqualTo(1);
        assertThat(reviews.withdrawVote(UserId.of("bob"), r.id()).helpfulVotes()).isEqualTo(1);
    }

    @Test
    void moderate_whenHiddenOrRemoved_dropsTheReviewFromListAndSummary() {
        Review r = reviews.submit(buyer("ana", C1, "c1-l1"), C1, stars(1));
        Actor mod = Actor.of("mod", Role.MODERATOR);
        assertThatThrownBy(() -> reviews.moderate(Actor.learner("x"), r.id(), ReviewState.HIDDEN, "spam"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reviews.moderate(mod, r.id(), ReviewState.REMOVED, " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("reason"));
        assertThat(reviews.moderate(mod, r.id(), ReviewState.HIDDEN, "reported").state()).isEqualTo(ReviewState.HIDDEN);
        assertThat(reviews.visibleReviews(C1, null, 100).items()).isEmpty();
        assertThat(reviews.summary(C1).count()).isZero();
        assertThat(reviews.moderate(mod, r.id(), ReviewState.VISIBLE, null).moderationReason()).isNull();
        Review removed = reviews.moderate(mod, r.id(), ReviewState.REMOVED, "insults another learner");
        assertThat(removed.moderationReason()).isEqualTo("insults another learner");
        assertThatThrownBy(() -> reviews.submit(UserId.of("ana"), C1, stars(2))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> reviews.moderate(mod, r.id(), ReviewState.VISIBLE, null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void reviewsBy_whenALearnerReviewedSeveralCourses_listsEveryStateOldestFirstAndNoOneElses() {
        UserId ana = buyer("ana", C1, "c1-l1");
        buyer("ana", C2, "c2-l1");
        Review first = reviews.submit(ana, C1, stars(2));
        fx.clock.advance(Duration.ofMinutes(1));
        Review second = reviews.submit(ana, C2, stars(4));
        reviews.submit(buyer("bo", C1, "c1-l1"), C1, stars(5));
        reviews.moderate(Actor.of("mod", Role.MODERATOR), first.id(), ReviewState.HIDDEN, "reported");

        assertThat(reviews.reviewsBy(ana)).extracting(Review::id).containsExactly(first.id(), second.id());
        assertThat(reviews.reviewsBy(ana).get(0).state()).isEqualTo(ReviewState.HIDDEN);
        assertThat(reviews.reviewsBy(UserId.of("nobody"))).isEmpty();
    }

    @Test
    void submit_whenInputIsBad_namesEveryFieldAndStoresNothing() {
        UserId ana = buyer("ana", C1, "c1-l1");
        assertThatThrownBy(() -> reviews.submit(ana, C1, new ReviewDraft(6, "t".repeat(201), "b".repeat(5_001))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("rating", "title", "body"));
        assertThatThrownBy(() -> reviews.submit(ana, CourseId.of("nope"), stars(0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("courseId", "rating"));
        long stored = fx.context.read(uow -> uow.count(ReviewTypes.REVIEW));
        assertThat(stored).isZero();
    }

    @Test
    void review_whenStored_roundTripsThroughJson() {
        UserId ana = buyer("ana", C1, "c1-l1");
        reviews.submit(ana, C1, stars(3));
        Review r = reviews.submit(ana, C1, stars(4));
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(r), Review.class)).isEqualTo(r);
        RatingSummary s = reviews.summary(C1);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(s), RatingSummary.class)).isEqualTo(s);
    }
}
