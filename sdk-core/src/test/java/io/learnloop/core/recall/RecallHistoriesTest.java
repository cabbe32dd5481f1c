package io.learnloop.core.recall;

import io.learnloop.core.Page;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.LearningFixture;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Card histories read back from the reviews the recall service stored, and the time-split evaluation on them. The
 * learners answer a quiz, then review each card on the default scheduler's dates, a random factor early or late,
 * recalling it as a memory with known non-default weights would.
 */
class RecallHistoriesTest {
    private static final Actor AUTHOR = Actor.of("teacher", Role.CREATOR);
    private static final Actor ADMIN = Actor.of("root", Role.ADMIN);
    private static final int QUESTIONS = 10;
    private static final List<Double> TRUE_WEIGHTS = List.of(0.05, 0.2, 0.5, 1.5, 7.0, 1.2, 2.0, 0.05, 0.6, 0.3,
            0.6, 2.0, 0.1, 0.4, 1.2, 0.4, 2.0, 0.5, 0.1, 0.1, 0.5);

    private LearningFixture fx;
    private QuizService quizzes;
    private RecallService recall;
    private Quiz quiz;
    /** What each learner's cards went through, by card id, as the simulation drew it. */
    private final Map<String, List<RatedReview>> drawn = new HashMap<>();

    @BeforeEach
    void setUp() {
        fx = new LearningFixture();
        quizzes = QuizService.create(fx.context, fx.catalog);
        recall = fx.learnloop.recall();
        List<Question> questions = new ArrayList<>();
        for (int q = 0; q < QUESTIONS; q++) {
            questions.add(Question.fillIn("q" + q, "Word " + q + "?", List.of("w" + q), 1));
        }
        quiz = quizzes.create(AUTHOR, new QuizDraft(CourseId.of("c1"), null, "Words", questions,
                QuizSettings.defaults()));
    }

    /**
     * One learner answers the quiz (right with probability 0.7), the answers become cards, then each card is reviewed
     * {@code reviews - 1} more times through the service at the simulated instants.
     */
    private void learn(UserId learner, Instant start, int reviews, Random random) {
        ReviewScheduler memory = new ReviewScheduler(FsrsParameters.builder().weights(TRUE_WEIGHTS).build());
        ReviewScheduler app = new ReviewScheduler(FsrsParameters.builder().learningSteps(List.of())
                .relearningSteps(List.of()).build());
        fx.clock.set(start);
        AttemptId id = quizzes.start(learner, quiz.id()).attemptId();
        QuizAttempt attempt = quizzes.attempts(learner, quiz.id()).get(0);
        Map<String, Answer> answers = new HashMap<>();
        Map<String, Rating> first = new HashMap<>();
        for (DrawnQuestion d : attempt.questions()) {
            boolean right = random.nextDouble() < 0.7;
            answers.put(d.key(), Answer.text(right ? "w" + d.questionId().substring(1) : "no"));
            first.put(d.questionId(), right ? Rating.GOOD : Rating.AGAIN);
        }
        quizzes.submit(learner, id, answers);
        recall.recordAttempt(learner, id);
        for (int q = 0; q < QUESTIONS; q++) {
            String question = "q" + q;
            Instant at = start;
            Rating rating = first.get(question);
            Card known = memory.review(Card.newCard(at), rating, at).card();
            Card scheduled = app.review(Card.newCard(at), rating, at).card();
            List<RatedReview> history = new ArrayList<>(List.of(new RatedReview(at, rating)));
            for (int i = 1; i < reviews; i++) {
                long days = Math.max(1, Math.round(scheduled.scheduledDays() * Math.exp(0.5 * random.nextGaussian())));
                at = at.plus(Duration.ofDays(Math.min(days, 3650)));
                boolean recalled = random.nextDouble() < memory.retrievability(known, at);
                double grade = random.nextDouble();
                rating = !recalled ? Rating.AGAIN : grade < 0.15 ? Rating.HARD : grade < 0.85 ? Rating.GOOD
                        : Rating.EASY;
                known = memory.review(known, rating, at).card();
                scheduled = app.review(scheduled, rating, at).card();
                fx.clock.set(at);
                recall.review(learner, quiz.id(), question, rating);
                history.add(new RatedReview(at, rating));
            }
            drawn.put(RecallCard.idOf(learner, quiz.id(), question), history);
        }
    }

    private static UserId learner(int i) {
        return UserId.of("learner-" + i);
    }

    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void read_whenReviewsWereStored_rebuildsEveryCardsHistoryInOrder() {
        Random random = new Random(3);
        for (int i = 0; i < 4; i++) {
            learn(learner(i), T0.plus(Duration.ofDays(i * 3L)), 6, random);
        }

        RecallHistories read = RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN).window(T0, FAR).read();

        assertThat(read.histories()).hasSize(4 * QUESTIONS);
        assertThat(read.learners()).isEqualTo(4);
        assertThat(read.reviewsRead()).isEqualTo(4L * QUESTIONS * 6);
        assertThat(read.capped()).isFalse();
        assertThat(read.histories()).containsExactlyInAnyOrderElementsOf(
                drawn.values().stream().map(CardHistory::new).toList());
    }

    @Test
    void reviewsOf_whenPagedOverAWindow_listsOnlyThatLearnersReviewsInTheWindowOldestFirst() {
        Random random = new Random(5);
        learn(learner(0), T0, 4, random);
        learn(learner(1), T0, 4, random);
        Instant from = T0.plus(Duration.ofDays(1));
        Instant to = T0.plus(Duration.ofDays(60));

        List<RecallReview> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<RecallReview> page = recall.reviewsOf(learner(0), from, to, cursor, 3);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        long expected = drawn.entrySet().stream().filter(e -> e.getKey().startsWith(learner(0).value() + "|"))
                .flatMap(e -> e.getValue().stream()).filter(r -> !r.reviewedAt().isBefore(from)
                        && r.reviewedAt().isBefore(to)).count();
        assertThat(expected).isPositive();
        assertThat(seen).hasSize((int) expected).allSatisfy(r -> {
            assertThat(r.learner()).isEqualTo(learner(0));
            assertThat(r.log().reviewedAt()).isBetween(from, to.minusNanos(1));
        });
        assertThat(seen).extracting(r -> r.log().reviewedAt()).isSorted();
    }

    @Test
    void read_whenCapsAreReached_keepsTheFirstCardsWholeAndSaysItWasCapped() {
        Random random = new Random(9);
        for (int i = 0; i < 3; i++) {
            learn(learner(i), T0.plus(Duration.ofDays(i)), 5, random);
        }

        RecallHistories byCards = RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN).window(T0, FAR)
                .maxCards(12).read();
        RecallHistories byLearners = RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN)
                .window(T0, FAR).maxLearners(2).read();

        assertThat(byCards.histories()).hasSize(12).allSatisfy(h -> assertThat(h.reviews()).hasSize(5));
        assertThat(byCards.capped()).isTrue();
        assertThat(byLearners.learners()).isEqualTo(2);
        assertThat(byLearners.histories()).hasSize(2 * QUESTIONS);
        assertThat(byLearners.capped()).isTrue();
    }

    @Test
    void read_whenACardWasFirstReviewedBeforeTheWindow_leavesItOut() {
        Random random = new Random(11);
        learn(learner(0), T0, 5, random);
        learn(learner(1), T0.plus(Duration.ofDays(400)), 5, random);

        RecallHistories read = RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN)
                .window(T0.plus(Duration.ofDays(1)), FAR).read();

        assertThat(read.learners()).isEqualTo(1);
        assertThat(read.histories()).hasSize(QUESTIONS).allSatisfy(h ->
                assertThat(h.reviews().get(0).reviewedAt()).isEqualTo(T0.plus(Duration.ofDays(400))));
    }

    @Test
    void read_whenALearnerRefusedAnalytics_leavesTheirCardsOut() {
        Random random = new Random(13);
        learn(learner(0), T0, 3, random);
        learn(learner(1), T0, 3, random);
        fx.learnloop.consents().record(Actor.learner(learner(1).value()), learner(1),
                ConsentDecision.refuse(ConsentPurpose.ANALYTICS, "v1", "settings"));

        RecallHistories read = RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN).window(T0, FAR).read();

        assertThat(read.learners()).isEqualTo(1);
        assertThat(read.histories()).hasSize(QUESTIONS);
    }

    @Test
    void evaluate_whenStoredReviewsFollowKnownWeights_fittedWeightsBeatDefaultsAndSm2AfterTheCutoff() {
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            learn(learner(i), T0.plus(Duration.ofDays(random.nextInt(120))), 10, random);
        }
        RecallHistories read = RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN).window(T0, FAR).read();
        List<Instant> times = read.histories().stream().flatMap(h -> h.reviews().stream())
                .map(RatedReview::reviewedAt).sorted().toList();
        Instant cutoff = times.get((int) (times.size() * 0.7));

        TimeSplitEvaluation eval = read.evaluate(FsrsOptimizer.builder().iterations(120).build(), cutoff);

        assertThat(read.histories()).hasSize(300);
        assertThat(eval.fsrs().forecasts()).isEqualTo(eval.defaults().forecasts()).isEqualTo(eval.sm2().forecasts())
                .isPositive();
        assertThat(eval.fsrs().logLoss()).isLessThan(eval.defaults().logLoss()).isLessThan(eval.sm2().logLoss());
        assertThat(eval.fsrs().rmseBins()).isLessThan(eval.defaults().rmseBins());
        assertThat(eval.cutoff()).isEqualTo(cutoff);
    }

    @Test
    void reviews_whenNotAnAdminOrTheWindowIsEmpty_isRefused() {
        assertThatThrownBy(() -> recall.reviews(Actor.learner("ana"), T0, FAR, null, 10))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> RecallHistories.builder(recall, fx.learnloop.consents(), Actor.learner("ana")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> recall.reviewsOf(learner(0), FAR, T0, null, 10))
                .isInstanceOf(ValidationException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> RecallHistories.builder(recall, fx.learnloop.consents(), ADMIN).read())
                .isInstanceOf(ValidationException.class).hasMessageContaining("window.from");
    }
}
