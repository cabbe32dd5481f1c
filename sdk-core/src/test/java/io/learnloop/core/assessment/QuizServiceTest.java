package io.learnloop.core.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.assessment.AssessmentTypes;
import io.learnloop.core.internal.assessment.QuizDraw;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.learning.LearningFixture;
import io.learnloop.core.learning.LessonKind;
import io.learnloop.core.learning.ProgressService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.learnloop.core.assessment.QuizFixtures.draft;
import static io.learnloop.core.assessment.QuizFixtures.everyType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuizServiceTest {
    private static final Actor AUTHOR = Actor.of("teacher", Role.CREATOR);
    private static final UserId ANA = UserId.of("ana");

    private LearningFixture fx;
    private QuizService quizzes;

    @BeforeEach
    void setUp() {
        fx = new LearningFixture();
        quizzes = QuizService.create(fx.context, fx.catalog);
    }

    private static Set<String> fieldNames(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                into.add(e.getKey());
                fieldNames(e.getValue(), into);
            }
        } else if (node.isArray()) {
            node.forEach(n -> fieldNames(n, into));
        }
        return into;
    }

    @Test
    void start_whenSerialisedToJson_containsNoAnswerAndNoHint() throws Exception {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults()));
        QuizView view = quizzes.start(ANA, quiz.id());
        String json = LearnloopJson.toJson(view);

        JsonNode tree = LearnloopJson.newMapper().readTree(json);
        assertThat(fieldNames(tree, new TreeSet<>())).containsExactlyInAnyOrder("attemptId", "quizId", "title",
                "attemptNumber", "startedAt", "deadline", "passingPercent", "questions", "key", "type", "prompt",
                "options", "text", "points");
        for (String secret : List.of("paris-correct", "SECRET-EXPLANATION", "Seine", "3.14159", "0.005", "opt-two",
                "opt-three", "correct", "accepted", "tolerance", "explanation", "answer")) {
            assertThat(json).as("leaks %s", secret).doesNotContainIgnoringCase(secret);
        }
    }

    @Test
    void start_whenOnlyTheCorrectOptionDiffers_givesIdenticalViews() {
        List<String> views = new ArrayList<>();
        for (String correct : List.of("paris-correct", "lyon")) {
            LearningFixture f = new LearningFixture();
            QuizService s = QuizService.create(f.context, f.catalog);
            Question q = Question.singleChoice("capital", "Capital of France?", QuizFixtures.capitals(), correct, 2);
            Quiz quiz = s.create(AUTHOR, draft(List.of(q, QuizFixtures.multiple()), QuizSettings.defaults()));
            views.add(LearnloopJson.toJson(s.start(ANA, quiz.id())));
        }
        assertThat(views.get(0)).isEqualTo(views.get(1));
    }

    private static String keyOf(QuizView view, String questionId, Quiz quiz, QuizAttempt attempt, String optionId) {
        for (DrawnQuestion d : attempt.questions()) {
            if (d.questionId().equals(questionId)) {
                return DrawnQuestion.optionKey(d.optionOrder().indexOf(optionId));
            }
        }
        throw new AssertionError("not drawn: " + questionId);
    }

    private static String questionKey(QuizAttempt attempt, String questionId) {
        return attempt.questions().stream().filter(d -> d.questionId().equals(questionId)).findFirst().orElseThrow().key();
    }

    @Test
    void submit_whenAnswered_gradesEachQuestionWithFeedback() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults().withPartialCredit(PartialCredit.RIGHT_MINUS_WRONG)));
        QuizView view = quizzes.start(ANA, quiz.id());
        QuizAttempt attempt = quizzes.attempts(ANA, quiz.id()).get(0);
        Map<String, Answer> answers = new HashMap<>();
        answers.put(questionKey(attempt, "capital"), Answer.choose(keyOf(view, "capital", quiz, attempt, "paris-correct")));
        answers.put(questionKey(attempt, "primes"), Answer.choose(keyOf(view, "primes", quiz, attempt, "opt-two")));
        answers.put(questionKey(attempt, "earth"), Answer.choose(keyOf(view, "earth", quiz, attempt, Question.TRUE)));
        answers.put(questionKey(attempt, "river"), Answer.text("  LA   seine. "));
        // pi is skipped

        GradeResult result = quizzes.submit(ANA, view.attemptId(), answers);
        // 2 + 3 * (1 - 0) / 2 + 0 + 2 + 0 = 5.5 of 10
        assertThat(result.score()).isEqualByComparingTo("5.5");
        assertThat(result.maxScore()).isEqualTo(10);
        assertThat(result.percent()).isEqualByComparingTo("55.00");
        assertThat(result.passed()).isFalse();
        Map<String, QuestionFeedback> byKey = new HashMap<>();
        result.feedback().forEach(f -> byKey.put(f.key(), f));
        QuestionFeedback capital = byKey.get(questionKey(attempt, "capital"));
        assertThat(capital.outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(capital.explanation()).contains("987");
        assertThat(byKey.get(questionKey(attempt, "primes")).outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(byKey.get(questionKey(attempt, "primes")).correctOptions()).containsExactlyInAnyOrder(
                keyOf(view, "primes", quiz, attempt, "opt-two"), keyOf(view, "primes", quiz, attempt, "opt-three"));
        assertThat(byKey.get(questionKey(attempt, "earth")).outcome()).isEqualTo(Outcome.WRONG);
        assertThat(byKey.get(questionKey(attempt, "river")).outcome()).isEqualTo(Outcome.CORRECT);
        assertThat(byKey.get(questionKey(attempt, "pi")).outcome()).isEqualTo(Outcome.UNANSWERED);
        assertThat(byKey.get(questionKey(attempt, "pi")).expectedNumber()).isEqualByComparingTo("3.14159");
        assertThat(fx.events(EventTypes.QUIZ_GRADED)).singleElement()
                .satisfies(e -> assertThat(e.get("percent")).isEqualTo("55.00"));
    }

    @Test
    void submit_whenSubmittedTwice_isRefused() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults()));
        QuizView view = quizzes.start(ANA, quiz.id());
        quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("a")));
        assertThatThrownBy(() -> quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("b"))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("already submitted");
        assertThat(quizzes.attempts(ANA, quiz.id()).get(0).answers().get("q1").choices()).containsExactly("a");
    }

    @Test
    void submit_whenTimeIsUp_isRefusedAndTheAttemptStillCounts() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(),
                QuizSettings.defaults().withTimeLimit(Duration.ofMinutes(10)).withMaxAttempts(1)));
        QuizView view = quizzes.start(ANA, quiz.id());
        assertThat(view.deadline()).isEqualTo(LearningFixture.START.plus(Duration.ofMinutes(10)));
        fx.clock.advance(Duration.ofMinutes(10));
        fx.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("a"))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("ran out of time");
        assertThat(quizzes.attempts(ANA, quiz.id()).get(0).state()).isEqualTo(AttemptState.IN_PROGRESS);
        assertThatThrownBy(() -> quizzes.start(ANA, quiz.id())).hasMessageContaining("used all 1 attempts");
    }

    @Test
    void submit_whenExactlyAtTheDeadline_isAccepted() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults().withTimeLimit(Duration.ofMinutes(10))));
        QuizView view = quizzes.start(ANA, quiz.id());
        fx.clock.advance(Duration.ofMinutes(10));
        assertThat(quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("a")))).isNotNull();
    }

    @Test
    void start_whenAttemptLimitReached_isRefused() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults().withMaxAttempts(2)));
        for (int i = 1; i <= 2; i++) {
            QuizView view = quizzes.start(ANA, quiz.id());
            assertThat(view.attemptNumber()).isEqualTo(i);
            // starting again while in progress resumes the same attempt
            assertThat(quizzes.start(ANA, quiz.id()).attemptId()).isEqualTo(view.attemptId());
            quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("a")));
        }
        assertThatThrownBy(() -> quizzes.start(ANA, quiz.id()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void start_whenDrawingFromABank_isSeededPerAttemptAndReproducible() {
        List<Question> bank = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bank.add(Question.singleChoice("q" + i, "Question " + i, QuizFixtures.capitals(), "lyon", 1));
        }
        Quiz quiz = quizzes.create(AUTHOR, draft(bank, QuizSettings.defaults().withDrawCount(4).withMaxAttempts(0)));
        Set<List<String>> draws = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            QuizView view = quizzes.start(ANA, quiz.id());
            assertThat(view.questions()).hasSize(4);
            QuizAttempt attempt = quizzes.attempts(ANA, quiz.id()).get(i);
            assertThat(QuizDraw.draw(quiz, attempt.seed())).isEqualTo(attempt.questions());
            assertThat(attempt.questions()).extracting(DrawnQuestion::questionId).doesNotHaveDuplicates();
            draws.add(attempt.questions().stream().map(DrawnQuestion::questionId).toList());
            quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("a")));
        }
        assertThat(draws).hasSizeGreaterThan(1);
    }

    @Test
    void submit_whenAnswersAreEmptyOrUnknown_namesThemAndStoresNothing() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults()));
        QuizView view = quizzes.start(ANA, quiz.id());
        assertThatThrownBy(() -> quizzes.submit(ANA, view.attemptId(), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("answers"));
        Map<String, Answer> bad = new java.util.LinkedHashMap<>();
        bad.put("q1", new Answer(List.of(), " ", null));
        bad.put("q9", Answer.choose("a"));
        bad.put("q2", Answer.choose("z"));
        assertThatThrownBy(() -> quizzes.submit(ANA, view.attemptId(), bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("answers.q1", "answers.q9", "answers.q2.choices"));
        assertThat(quizzes.attempts(ANA, quiz.id()).get(0).state()).isEqualTo(AttemptState.IN_PROGRESS);
        assertThat(fx.events(EventTypes.QUIZ_GRADED)).isEmpty();
    }

    @Test
    void create_whenDraftIsInvalid_namesEveryFieldAndStoresNothing() {
        List<Question> questions = List.of(
                Question.singleChoice("a", "", QuizFixtures.capitals(), "nowhere", 0),
                Question.fillIn("a", "Blank?", List.of(), 1),
                new Question("n", QuestionType.NUMERIC, "Number?", null, null, null, null, new BigDecimal("-1"), 1, null));
        assertThatThrownBy(() -> quizzes.create(AUTHOR, new QuizDraft(QuizFixtures.COURSE, null, " ", questions,
                QuizSettings.defaults().withPassingPercent(120).withDrawCount(9))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly(
                        "title",
                        "questions[0].prompt", "questions[0].points", "questions[0].correctOptions",
                        "questions[1].id", "questions[1].acceptedAnswers",
                        "questions[2].numericAnswer", "questions[2].tolerance",
                        "settings.drawCount", "settings.passingPercent"));
        long stored = fx.context.read(uow -> uow.count(AssessmentTypes.QUIZ));
        assertThat(stored).isZero();
    }

    @Test
    void create_whenNotACreator_isForbidden() {
        assertThatThrownBy(() -> quizzes.create(Actor.learner("ana"), draft(everyType(), QuizSettings.defaults())))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void submit_whenPassingAQuizLesson_completesTheLesson() {
        fx.catalog.add("c1", "final-quiz", LessonKind.QUIZ, Duration.ZERO, true);
        Quiz quiz = quizzes.create(AUTHOR, new QuizDraft(QuizFixtures.COURSE, LessonId.of("final-quiz"), "Final",
                List.of(Question.trueFalse("t", "True?", true, 1)), QuizSettings.defaults()));
        QuizView view = quizzes.start(ANA, quiz.id());
        QuizAttempt attempt = quizzes.attempts(ANA, quiz.id()).get(0);
        String trueKey = DrawnQuestion.optionKey(attempt.questions().get(0).optionOrder().indexOf(Question.TRUE));
        assertThat(quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose(trueKey))).passed()).isTrue();
        assertThat(quizzes.hasPassed(ANA, quiz.id())).isTrue();
        ProgressService progress = fx.progress();
        assertThat(progress.lessonProgress(ANA, LessonId.of("final-quiz")).orElseThrow().completed()).isTrue();
        assertThat(fx.events(EventTypes.LESSON_COMPLETED)).hasSize(1);
        assertThat(fx.events(EventTypes.COURSE_COMPLETED)).hasSize(1);
    }

    @Test
    void attempt_whenStored_roundTripsThroughJson() {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults().withTimeLimit(Duration.ofMinutes(5))));
        QuizView view = quizzes.start(ANA, quiz.id());
        quizzes.submit(ANA, view.attemptId(), Map.of("q1", Answer.choose("a"), "q2", Answer.number("3.14")));
        QuizAttempt attempt = quizzes.attempts(ANA, quiz.id()).get(0);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(attempt), QuizAttempt.class)).isEqualTo(attempt);
        assertThat(LearnloopJson.fromJson(LearnloopJson.toJson(quiz), Quiz.class)).isEqualTo(quiz);
    }

    @Test
    void start_whenCalledConcurrently_startsOneAttempt() throws Exception {
        Quiz quiz = quizzes.create(AUTHOR, draft(everyType(), QuizSettings.defaults()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<QuizView>> views = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                views.add(pool.submit(() -> {
                    go.await();
                    return quizzes.start(ANA, quiz.id());
                }));
            }
            go.countDown();
            Set<AttemptId> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<QuizView> f : views) {
                ids.add(f.get(10, java.util.concurrent.TimeUnit.SECONDS).attemptId());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(quizzes.attempts(ANA, quiz.id())).hasSize(1);
    }
}
