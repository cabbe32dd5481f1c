package io.learnloop.core.internal.assessment;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.AttemptState;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuestionFeedback;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.CourseStats;
import io.learnloop.core.internal.learning.CompletionRecorder;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonKind;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The quiz service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultQuizService implements QuizService {
    private final ServiceContext context;
    private final LessonCatalog catalog;
    private final CompletionRecorder recorder;

    /**
     * Creates the service.
     *
     * @param context the context
     * @param catalog lesson facts
     */
    public DefaultQuizService(ServiceContext context, LessonCatalog catalog) {
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.recorder = new CompletionRecorder(context);
    }

    @Override
    public Quiz create(Actor author, QuizDraft draft) {
        Validator v = new Validator().notNull("author", author).notNull("draft", draft);
        v.throwIfInvalid();
        author.require(Role.CREATOR, "create a quiz");
        QuizValidation.draft(v, draft);
        if (draft.lessonId() != null) {
            Optional<LessonFacts> lesson = catalog.lesson(draft.lessonId());
            v.check(lesson.isPresent(), "lessonId", "no lesson '" + draft.lessonId() + "' exists");
            v.check(lesson.isEmpty() || lesson.get().courseId().equals(draft.courseId()), "lessonId",
                    "belongs to another course than " + draft.courseId());
        }
        v.throwIfInvalid();
        Quiz quiz = new Quiz(new QuizId(context.newId()), draft.courseId(), draft.lessonId(), draft.title(),
                draft.questions(), draft.settings(), author.id(), context.now());
        return context.transact(uow -> uow.insert(AssessmentTypes.QUIZ, quiz).value());
    }

    @Override
    public Quiz quiz(QuizId quiz) {
        new Validator().notNull("quizId", quiz).throwIfInvalid();
        return context.read(uow -> uow.get(AssessmentTypes.QUIZ, quiz.value()).value());
    }

    @Override
    public QuizView start(UserId learner, QuizId quizId) {
        new Validator().notNull("learner", learner).notNull("quizId", quizId).throwIfInvalid();
        try {
            return startOnce(learner, quizId);
        } catch (ConflictException e) {
            if (e.code() != ErrorCode.DUPLICATE_KEY) {
                throw e;
            }
            // a concurrent start took this attempt number; starting again resumes that attempt
            return startOnce(learner, quizId);
        }
    }

    private QuizView startOnce(UserId learner, QuizId quizId) {
        return context.transact(uow -> {
            Quiz quiz = uow.get(AssessmentTypes.QUIZ, quizId.value()).value();
            Instant now = context.now();
            List<QuizAttempt> previous = attempts(uow, learner, quizId);
            for (QuizAttempt a : previous) {
                if (a.state() == AttemptState.IN_PROGRESS && !a.isLate(now)) {
                    return QuizDraw.view(quiz, a);
                }
            }
            int limit = quiz.settings().maxAttempts();
            if (limit > 0 && previous.size() >= limit) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Learner '" + learner + "' has used all "
                        + limit + " attempts at quiz '" + quizId + "'.");
            }
            AttemptId id = new AttemptId(context.newId());
            long seed = QuizDraw.seed(quiz, id);
            Instant deadline = quiz.settings().timeLimit() == null ? null : now.plus(quiz.settings().timeLimit());
            QuizAttempt attempt = new QuizAttempt(id, quizId, learner, previous.size() + 1, seed,
                    QuizDraw.draw(quiz, seed), now, deadline, AttemptState.IN_PROGRESS, null, Map.of(), null);
            uow.insert(AssessmentTypes.ATTEMPT, attempt);
            return QuizDraw.view(quiz, attempt);
        });
    }

    @Override
    public QuizView view(UserId learner, AttemptId attempt) {
        new Validator().notNull("learner", learner).notNull("attemptId", attempt).throwIfInvalid();
        return context.read(uow -> {
            QuizAttempt a = own(uow.get(AssessmentTypes.ATTEMPT, attempt.value()).value(), learner);
            return QuizDraw.view(uow.get(AssessmentTypes.QUIZ, a.quizId().value()).value(), a);
        });
    }

    private static QuizAttempt own(QuizAttempt a, UserId learner) {
        if (!a.learner().equals(learner)) {
            throw new ForbiddenException("Attempt '" + a.id() + "' belongs to another learner.");
        }
        return a;
    }

    @Override
    public GradeResult submit(UserId learner, AttemptId attemptId, Map<String, Answer> answers) {
        new Validator().notNull("learner", learner).notNull("attemptId", attemptId).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<QuizAttempt> stored = uow.get(AssessmentTypes.ATTEMPT, attemptId.value());
            QuizAttempt a = own(stored.value(), learner);
            Instant now = context.now();
            if (a.state() == AttemptState.SUBMITTED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Attempt '" + attemptId
                        + "' was already submitted at " + a.submittedAt() + "; start a new attempt to try again.");
            }
            if (a.isLate(now)) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Attempt '" + attemptId + "' ran out of time at "
                        + a.deadline() + "; late submissions are refused.");
            }
            Validator v = new Validator();
            QuizValidation.answers(v, a, answers);
            v.throwIfInvalid();
            Quiz quiz = uow.get(AssessmentTypes.QUIZ, a.quizId().value()).value();
            GradeResult result = grade(quiz, a, answers);
            QuizAttempt done = new QuizAttempt(a.id(), a.quizId(), a.learner(), a.number(), a.seed(), a.questions(),
                    a.startedAt(), a.deadline(), AttemptState.SUBMITTED, now, answers, result);
            uow.update(AssessmentTypes.ATTEMPT, done, stored.version());
            CourseStats.quizGraded(uow, learner, quiz.courseId(), result.percent(), now);
            uow.publish(context.event(EventTypes.QUIZ_GRADED, a.id().value(), Map.of(
                    "learnerId", learner.value(), "quizId", quiz.id().value(), "courseId", quiz.courseId().value(),
                    "attemptId", a.id().value(), "percent", result.percent().toPlainString(),
                    "passed", Boolean.toString(result.passed()))));
            if (result.passed() && quiz.lessonId() != null) {
                completeQuizLesson(uow, learner, quiz, now);
            }
            return result;
        }));
    }

    /**
     * Grades every drawn question of an attempt.
     *
     * @param quiz    the quiz
     * @param attempt the attempt
     * @param answers the answers by key
     * @return the result
     */
    public static GradeResult grade(Quiz quiz, QuizAttempt attempt, Map<String, Answer> answers) {
        List<QuestionFeedback> feedback = new ArrayList<>(attempt.questions().size());
        BigDecimal score = BigDecimal.ZERO.setScale(Grader.SCALE);
        int max = 0;
        for (DrawnQuestion d : attempt.questions()) {
            Question q = quiz.question(d.questionId());
            QuestionFeedback f = Grader.grade(q, d, answers.get(d.key()), quiz.settings().partialCredit(),
                    quiz.settings().revealAnswers());
            feedback.add(f);
            score = score.add(f.earned());
            max += q.points();
        }
        BigDecimal percent = max == 0 ? BigDecimal.ZERO.setScale(2)
                : score.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_EVEN);
        boolean passed = percent.compareTo(BigDecimal.valueOf(quiz.settings().passingPercent())) >= 0;
        return new GradeResult(score, max, percent, passed, feedback);
    }

    private void completeQuizLesson(UnitOfWork uow, UserId learner, Quiz quiz, Instant now) {
        Optional<LessonFacts> facts = catalog.lesson(quiz.lessonId());
        if (facts.isEmpty() || facts.get().kind() != LessonKind.QUIZ) {
            return;
        }
        String id = LessonProgress.idOf(learner, quiz.lessonId());
        Optional<Versioned<LessonProgress>> found = uow.find(LearningTypes.LESSON_PROGRESS, id);
        if (found.isPresent() && found.get().value().completed()) {
            return;
        }
        LessonProgress p = new LessonProgress(id, learner, quiz.lessonId(), quiz.courseId(), LessonKind.QUIZ,
                0, List.of(), 0, 0, null, Map.of(), found.map(f -> f.value().timeSpentMillis()).orElse(0L),
                found.map(f -> f.value().activeDays()).orElse(List.of()), null, now, now);
        if (found.isPresent()) {
            uow.update(LearningTypes.LESSON_PROGRESS, p, found.get().version());
        } else {
            uow.insert(LearningTypes.LESSON_PROGRESS, p);
            CourseStats.lessonStarted(uow, learner, quiz.courseId(), quiz.lessonId(), now);
        }
        recorder.lessonCompleted(uow, p, catalog.lessons(quiz.courseId()));
    }

    private static List<QuizAttempt> attempts(UnitOfWork uow, UserId learner, QuizId quiz) {
        return uow.findBy(AssessmentTypes.ATTEMPT, AssessmentTypes.BY_LEARNER_QUIZ, learner.value() + "|" + quiz.value())
                .stream().map(Versioned::value).sorted(Comparator.comparingInt(QuizAttempt::number)).toList();
    }

    @Override
    public List<QuizAttempt> attempts(UserId learner, QuizId quiz) {
        new Validator().notNull("learner", learner).notNull("quizId", quiz).throwIfInvalid();
        return context.read(uow -> attempts(uow, learner, quiz));
    }

    @Override
    public List<Quiz> quizzesOf(CourseId course) {
        new Validator().notNull("courseId", course).throwIfInvalid();
        return context.read(uow -> uow.findBy(AssessmentTypes.QUIZ, AssessmentTypes.BY_COURSE, course.value()))
                .stream().map(Versioned::value).toList();
    }

    @Override
    public Optional<Quiz> finalQuiz(CourseId course) {
        return quizzesOf(course).stream().filter(q -> q.settings().finalQuiz()).findFirst();
    }

    @Override
    public boolean hasPassed(UserId learner, QuizId quiz) {
        return attempts(learner, quiz).stream().anyMatch(a -> a.result() != null && a.result().passed());
    }
}
