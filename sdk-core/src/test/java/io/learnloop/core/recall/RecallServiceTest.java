package io.learnloop.core.recall;

import io.learnloop.core.Page;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.learning.LearningFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecallServiceTest {
    private static final Actor AUTHOR = Actor.of("teacher", Role.CREATOR);
    private static final UserId ANA = UserId.of("ana");

    private LearningFixture fx;
    private QuizService quizzes;
    private RecallService recall;
    private Quiz quiz;

    @BeforeEach
    void setUp() {
        fx = new LearningFixture();
        quizzes = QuizService.create(fx.context, fx.catalog);
        recall = fx.learnloop.recall();
        quiz = quizzes.create(AUTHOR, new QuizDraft(CourseId.of("c1"), null, "Geography", List.of(
                Question.fillIn("river", "Which river flows through Paris?", List.of("Seine"), 2),
                Question.numeric("pi", "Pi to two decimals?", "3.14159", "0.005", 2),
                Question.fillIn("rome", "Capital of Italy?", List.of("Rome"), 1)), QuizSettings.defaults()));
    }

    /** Ana answers the river right, pi wrong, and skips Rome. */
    private AttemptId submitted() {
        AttemptId id = quizzes.start(ANA, quiz.id()).attemptId();
        QuizAttempt attempt = quizzes.attempts(ANA, quiz.id()).get(0);
        fx.clock.advance(Duration.ofMinutes(3));
        quizzes.submit(ANA, id, Map.of(key(attempt, "river"), Answer.text("Seine"), key(attempt, "pi"),
                Answer.number("9")));
        return id;
    }

    private static String key(QuizAttempt attempt, String questionId) {
        return attempt.questions().stream().filter(d -> d.questionId().equals(questionId)).findFirst().orElseThrow()
                .key();
    }

    @Test
    void recordAttempt_whenSubmitted_reviewsACardPerQuestionRatedByItsOutcome() {
        AttemptId attempt = submitted();
        Instant submittedAt = fx.clock.instant();

        List<RecallCard> cards = recall.recordAttempt(ANA, attempt);

        assertThat(cards).extracting(RecallCard::questionId).containsExactlyInAnyOrder("river", "pi", "rome");
        ReviewScheduler scheduler = ReviewScheduler.withDefaults();
        Map<String, Rating> expected = Map.of("river", Rating.GOOD, "pi", Rating.AGAIN, "rome", Rating.AGAIN);
        for (RecallCard c : cards) {
            Card byScheduler = scheduler.review(Card.newCard(submittedAt), expected.get(c.questionId()), submittedAt)
                    .card();
            assertThat(c.card()).as(c.questionId()).isEqualTo(byScheduler);
            assertThat(c.lastAttempt()).isEqualTo(attempt);
            assertThat(recall.card(ANA, quiz.id(), c.questionId())).contains(c);
        }
    }

    @Test
    void recordAttempt_whenRepeated_changesNothing() {
        AttemptId attempt = submitted();
        List<RecallCard> first = recall.recordAttempt(ANA, attempt);
        fx.clock.advance(Duration.ofHours(1));

        List<RecallCard> again = recall.recordAttempt(ANA, attempt);

        assertThat(again).containsExactlyElementsOf(first);
        assertThat(recall.card(ANA, quiz.id(), "river").orElseThrow().card().reps()).isEqualTo(1);
    }

    @Test
    void recordAttempt_whenCalledConcurrently_reviewsEachCardOnce() throws Exception {
        AttemptId attempt = submitted();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<RecallCard>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return recall.recordAttempt(ANA, attempt);
                }));
            }
            go.countDown();
            for (Future<List<RecallCard>> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(3);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String question : List.of("river", "pi", "rome")) {
            assertThat(recall.card(ANA, quiz.id(), question).orElseThrow().card().reps()).as(question).isEqualTo(1);
        }
    }

    @Test
    void due_whenPaged_listsTheCardsDueByThenOldestDueFirst() {
        recall.recordAttempt(ANA, submitted());
        Instant fiveMinutesLater = fx.clock.instant().plus(Duration.ofMinutes(5));

        Page<RecallCard> first = recall.due(ANA, fiveMinutesLater, null, 1);
        Page<RecallCard> second = recall.due(ANA, fiveMinutesLater, first.nextCursor(), 1);

        // the two wrong answers fall due after the first learning step; the right one only after the second
        assertThat(first.items()).hasSize(1);
        assertThat(first.items().get(0).card().due()).isBeforeOrEqualTo(second.items().get(0).card().due());
        assertThat(List.of(first.items().get(0).questionId(), second.items().get(0).questionId()))
                .containsExactlyInAnyOrder("pi", "rome");
        assertThat(second.hasNext()).isFalse();
        assertThat(recall.due(UserId.of("bob"), fiveMinutesLater, null, 10).items()).isEmpty();
    }

    @Test
    void review_whenOutsideAQuiz_reviewsTheCardAtTheFacadeClock() {
        recall.recordAttempt(ANA, submitted());
        RecallCard before = recall.card(ANA, quiz.id(), "pi").orElseThrow();
        fx.clock.advance(Duration.ofMinutes(2));

        RecallCard after = recall.review(ANA, quiz.id(), "pi", Rating.GOOD);

        assertThat(after.card()).isEqualTo(ReviewScheduler.withDefaults().review(before.card(), Rating.GOOD,
                fx.clock.instant()).card());
        assertThat(after.lastAttempt()).isNull();
    }

    @Test
    void card_whenStored_roundTripsThroughJson() {
        recall.recordAttempt(ANA, submitted());
        RecallCard card = recall.card(ANA, quiz.id(), "river").orElseThrow();
        RecallCard fresh = new RecallCard("x", ANA, quiz.id(), "q", Card.newCard(fx.clock.instant()), null);

        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(card), RecallCard.class)).isEqualTo(card);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(fresh), RecallCard.class)).isEqualTo(fresh);
    }

    @Test
    void recordAttempt_whenNotSubmitted_isRefused() {
        AttemptId open = quizzes.start(ANA, quiz.id()).attemptId();

        assertThatThrownBy(() -> recall.recordAttempt(ANA, open)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not been submitted");
    }

    @Test
    void recordAttempt_whenAnotherLearnersAttempt_isForbidden() {
        AttemptId attempt = submitted();

        assertThatThrownBy(() -> recall.recordAttempt(UserId.of("bob"), attempt))
                .isInstanceOf(ForbiddenException.class);
    }
}
