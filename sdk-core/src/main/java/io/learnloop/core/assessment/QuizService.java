package io.learnloop.core.assessment;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.assessment.DefaultQuizService;
import io.learnloop.core.learning.LessonCatalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quizzes: question banks, per-attempt seeded draws and shuffles, attempt and time limits, exact grading with
 * per-question feedback.
 *
 * <p>Thread-safe.
 */
public interface QuizService {
    /**
     * Creates the service.
     *
     * @param context the facade's context
     * @param catalog lesson facts (a passed quiz completes its quiz lesson)
     * @return the service
     */
    static QuizService create(ServiceContext context, LessonCatalog catalog) {
        return new DefaultQuizService(context, catalog);
    }

    /**
     * Stores a quiz.
     *
     * @param author a creator (or admin)
     * @param draft  the quiz
     * @return the stored quiz
     * @throws io.learnloop.core.error.ValidationException naming each bad field; nothing is stored
     * @throws io.learnloop.core.error.ForbiddenException  if the author lacks the creator role
     */
    Quiz create(Actor author, QuizDraft draft);

    /**
     * Reads a quiz with its answer key (for authors and graders, never for learners).
     *
     * @param quiz the quiz
     * @return the quiz
     * @throws io.learnloop.core.error.NotFoundException if absent
     */
    Quiz quiz(QuizId quiz);

    /**
     * Starts an attempt, or returns the learner's attempt in progress if its time is not up.
     *
     * @param learner the learner
     * @param quiz    the quiz
     * @return the learner-facing view
     * @throws io.learnloop.core.error.ConflictException with {@code INVALID_STATE} when the attempt limit is reached
     */
    QuizView start(UserId learner, QuizId quiz);

    /**
     * Reads the learner-facing view of an attempt again (for example after a reload).
     *
     * @param learner the learner
     * @param attempt the attempt
     * @return the view
     */
    QuizView view(UserId learner, AttemptId attempt);

    /**
     * Submits and grades an attempt. Questions left out of {@code answers} score nothing.
     *
     * @param learner the learner
     * @param attempt the attempt
     * @param answers answers by question key from the view
     * @return the grade with per-question feedback
     * @throws io.learnloop.core.error.ValidationException naming each bad answer (empty answers, unknown keys)
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} for a second submission or one
     *                                                     after the time limit
     */
    GradeResult submit(UserId learner, AttemptId attempt, Map<String, Answer> answers);

    /**
     * A learner's attempts at a quiz, oldest first.
     *
     * @param learner the learner
     * @param quiz    the quiz
     * @return the attempts
     */
    List<QuizAttempt> attempts(UserId learner, QuizId quiz);

    /**
     * The quizzes of a course.
     *
     * @param course the course
     * @return the quizzes
     */
    List<Quiz> quizzesOf(CourseId course);

    /**
     * The course's final quiz, if it has one.
     *
     * @param course the course
     * @return the final quiz
     */
    Optional<Quiz> finalQuiz(CourseId course);

    /**
     * Whether the learner has passed a quiz in any submitted attempt.
     *
     * @param learner the learner
     * @param quiz    the quiz
     * @return true if passed
     */
    boolean hasPassed(UserId learner, QuizId quiz);
}
