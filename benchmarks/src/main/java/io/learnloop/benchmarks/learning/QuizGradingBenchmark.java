package io.learnloop.benchmarks.learning;

import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.AttemptState;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.assessment.PartialCredit;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.assessment.DefaultQuizService;
import io.learnloop.core.internal.assessment.QuizDraw;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Quiz grading, reported per answer: one operation grades one answer of a 20-question attempt mixing every question
 * type (single, multiple with right-minus-wrong partial credit, true/false, fill-in with normalisation, numeric with
 * tolerance), including the per-question feedback and the exact score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class QuizGradingBenchmark {
    private static final int QUESTIONS = 20;

    private Quiz quiz;
    private QuizAttempt attempt;
    private Map<String, Answer> answers;

    @Setup
    public void setUp() {
        List<ChoiceOption> options = List.of(new ChoiceOption("a", "Alpha"), new ChoiceOption("b", "Beta"),
                new ChoiceOption("c", "Gamma"), new ChoiceOption("d", "Delta"));
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            String id = "q" + i;
            questions.add(switch (i % 5) {
                case 0 -> Question.singleChoice(id, "Single?", options, "b", 2);
                case 1 -> Question.multipleChoice(id, "Multiple?", options, List.of("a", "c"), 3);
                case 2 -> Question.trueFalse(id, "True?", true, 1);
                case 3 -> Question.fillIn(id, "Fill?", List.of("Photosynthesis", "photo synthesis"), 2);
                default -> Question.numeric(id, "Number?", "3.14159", "0.005", 2);
            });
        }
        quiz = new Quiz(QuizId.of("quiz"), io.learnloop.core.catalog.CourseId.of("c"), null, "Bench", questions,
                QuizSettings.defaults().withPartialCredit(PartialCredit.RIGHT_MINUS_WRONG), UserId.of("t"),
                Instant.EPOCH);
        AttemptId attemptId = AttemptId.of("attempt");
        long seed = QuizDraw.seed(quiz, attemptId);
        List<DrawnQuestion> drawn = QuizDraw.draw(quiz, seed);
        attempt = new QuizAttempt(attemptId, quiz.id(), UserId.of("l"), 1, seed, drawn, Instant.EPOCH, null,
                AttemptState.IN_PROGRESS, null, Map.of(), null);
        answers = new HashMap<>();
        for (DrawnQuestion d : drawn) {
            Question q = quiz.question(d.questionId());
            answers.put(d.key(), switch (q.type()) {
                case SINGLE_CHOICE, TRUE_FALSE -> Answer.choose("a");
                case MULTIPLE_CHOICE -> Answer.choose("a", "b");
                case FILL_IN -> Answer.text("  PHOTOSYNTHESIS. ");
                case NUMERIC -> Answer.number("3.142");
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUESTIONS)
    public GradeResult gradeTwentyAnswers() {
        return DefaultQuizService.grade(quiz, attempt, answers);
    }
}
