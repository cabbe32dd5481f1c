package io.learnloop.growth;

import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OutcomeCondition;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.money.Money;
import io.learnloop.core.recall.Rating;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.testing.Staff;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three features that move the growth loop, seen by calibration from a store seeded through the public API:
 * spaced review keeps free learners (lower free churn), shared notes are community sharing (a higher post rate), and
 * pay-per-outcome offers convert more free learners at a lower net price. Each test seeds the same platform with
 * and without the feature and compares the fitted parameter.
 */
class StoreGrowthFeaturesTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final int LEARNERS = 120;
    private static final Duration WEEK = Duration.ofDays(7);
    private static final int WEEKS = 12;
    private static final Actor CREATOR = Actor.of("creator", Role.CREATOR);
    /** Long enough for every outcome deadline to pass before the store is read. */
    private static final Duration SETTLED = Duration.ofDays(100);

    private enum Feature { NONE, SPACED_REVIEW, SHARING, PEER_REVIEWS, OUTCOME_OFFERS }

    /** Something a learner does at an instant; run in time order, since the platform's clock only moves forward. */
    private record Step(Instant at, int order, Runnable action) {
    }

    /**
     * A platform whose learners arrive every half day for 60 days, each active on the day they join. With spaced
     * review they answer a quiz when they join and review its card every three days for a month; with sharing they
     * share a note on each of their first three days; with outcome offers two in five buy (instead of one in five)
     * on their second day, the offer refunding half to those who complete without passing within 30 days.
     */
    private static CalibrationResult calibrate(Feature feature) {
        StorePlatform p = new StorePlatform(T0.minus(Duration.ofDays(1)));
        Course course = p.publish(CREATOR, "Java", "programming", 2);
        Offer plain = p.offer(CREATOR, course, 10_000);
        Offer byOutcome = p.learnloop().commerce().createOffer(CREATOR, OfferDraft.course("Java, pass or half back",
                Money.ofMinor(10_000, "CNY"), course.id())
                .withOutcome(OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 5000)));
        Quiz quiz = p.learnloop().quizzes().create(CREATOR, new QuizDraft(course.id(), null, "Recall", List.of(
                Question.fillIn("q", "The keyword for a constant?", List.of("final"), 1)), QuizSettings.defaults()));
        List<StoreObservations.Member> members = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            Actor learner = Actor.learner("learner-" + i);
            Instant joined = T0.plus(Duration.ofHours(12L * i + 1));
            members.add(new StoreObservations.Member(learner.id(), joined, null));
            int n = i;
            if (feature == Feature.SPACED_REVIEW) {
                steps.add(new Step(joined, 0, () -> {
                    var quizzes = p.learnloop().quizzes();
                    AttemptId attempt = quizzes.start(learner.id(), quiz.id()).attemptId();
                    String key = quizzes.attempts(learner.id(), quiz.id()).get(0).questions().get(0).key();
                    quizzes.submit(learner.id(), attempt, Map.of(key, Answer.text("const")));
                    p.learnloop().recall().recordAttempt(learner.id(), attempt);
                }));
                for (int r = 1; r <= 10; r++) {
                    steps.add(new Step(joined.plus(Duration.ofDays(3L * r)), 1, () -> p.learnloop().recall()
                            .review(learner.id(), quiz.id(), "q", Rating.GOOD)));
                }
            }
            if (feature == Feature.SHARING) {
                for (int d = 0; d < 3; d++) {
                    steps.add(new Step(joined.plus(Duration.ofDays(d)).plusSeconds(60), 1, () -> p.learnloop().notes()
                            .add(learner.id(), course.published().lessons().get(0).id(), new NoteDraft(
                                    NoteAnchor.textRange(0, 5), "What I learned", NoteVisibility.SHARED))));
                }
            }
            if (feature == Feature.PEER_REVIEWS && n > 0) {
                // each learner reviews the work of the one who joined before them, on each of their first three days
                UserId author = UserId.of("learner-" + (n - 1));
                for (int d = 0; d < 3; d++) {
                    int day = d;
                    steps.add(new Step(joined.plus(Duration.ofDays(d)).plusSeconds(60), 1, () -> p.learnloop()
                            .reputation().recordPeerReview(learner.id(), author, "work-" + (n - 1) + "-" + day,
                                    "review-" + n + "-" + day)));
                }
            }
            boolean outcome = feature == Feature.OUTCOME_OFFERS;
            if (n % 5 == 0 || (outcome && n % 5 == 1)) {
                Instant buys = joined.plus(Duration.ofDays(1));
                steps.add(new Step(buys, 2, () -> buy(p, learner, "k-" + n, outcome ? byOutcome : plain)));
                if (outcome && n % 2 == 0) {
                    // completes the course but is never certified: half the price comes back at the deadline
                    steps.add(new Step(buys.plus(Duration.ofDays(2)), 1, () -> {
                        for (int l = 0; l < course.published().lessons().size(); l++) {
                            p.complete(learner, course, l);
                        }
                    }));
                }
            }
        }
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
        for (Step s : steps) {
            p.moveTo(s.at());
            p.learnloop().runScheduledJobs();
            s.action().run();
        }
        p.moveTo(T0.plus(SETTLED));
        p.learnloop().runScheduledJobs();
        Observations obs = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10_000).members(members)
                .inactiveAfter(Duration.ofDays(7)).build().observe(T0, WEEK, WEEKS);
        // one course: catalogue quality cannot be told from conversion, so the prior puts it at its ceiling
        return Calibration.fit(obs, Parameters.defaults().with(Parameter.CATALOGUE_HALF_SATURATION, 0.001));
    }

    private static void buy(StorePlatform p, Actor learner, String key, Offer offer) {
        Order placed = p.learnloop().commerce().placeOrder(learner, PlaceOrder.of(key, offer.id()));
        p.learnloop().settlement().settle(Staff.FINANCE, new PaymentConfirmation(placed.id(), "sandbox", "pay-" + key,
                placed.total()));
    }

    private static double fitted(CalibrationResult fit, Parameter parameter) {
        return fit.estimate(parameter).value();
    }

    @Test
    void calibrate_whenLearnersDoSpacedReviews_fitsALowerFreeChurnRate() {
        CalibrationResult without = calibrate(Feature.NONE);
        CalibrationResult with = calibrate(Feature.SPACED_REVIEW);

        // without reviews a learner is free for the day they join and the week after; reviewers stay a month more
        assertThat(fitted(with, Parameter.FREE_CHURN_RATE))
                .isLessThan(fitted(without, Parameter.FREE_CHURN_RATE) * 0.5);
        assertThat(with.heldAtPrior()).doesNotContain(Parameter.FREE_CHURN_RATE);
    }

    @Test
    void calibrate_whenLearnersShareNotes_fitsAHigherPostRate() {
        CalibrationResult without = calibrate(Feature.NONE);
        CalibrationResult with = calibrate(Feature.SHARING);

        assertThat(fitted(with, Parameter.POST_RATE)).isGreaterThan(fitted(without, Parameter.POST_RATE))
                .isGreaterThan(Parameters.defaults().get(Parameter.POST_RATE));
        assertThat(with.heldAtPrior()).doesNotContain(Parameter.POST_RATE);
    }

    @Test
    void calibrate_whenLearnersWritePeerReviews_fitsAHigherPostRate() {
        CalibrationResult without = calibrate(Feature.NONE);
        CalibrationResult with = calibrate(Feature.PEER_REVIEWS);

        assertThat(fitted(with, Parameter.POST_RATE)).isGreaterThan(fitted(without, Parameter.POST_RATE));
        assertThat(with.heldAtPrior()).doesNotContain(Parameter.POST_RATE);
    }

    @Test
    void calibrate_whenOutcomeOffersConvertMore_fitsAHigherConversionRateAndALowerNetPrice() {
        CalibrationResult without = calibrate(Feature.NONE);
        CalibrationResult with = calibrate(Feature.OUTCOME_OFFERS);

        assertThat(fitted(with, Parameter.CONVERSION_RATE))
                .isGreaterThan(fitted(without, Parameter.CONVERSION_RATE) * 1.5);
        // a quarter of the outcome buyers had half the price refunded at the deadline
        assertThat(fitted(with, Parameter.PRICE)).isLessThan(fitted(without, Parameter.PRICE));
    }
}
