package io.learnloop.core.internal.assessment;

import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.store.AggregateType;

/**
 * The aggregate types of quizzes.
 *
 * <p>Thread-safe: constants only.
 */
public final class AssessmentTypes {
    /** Index of course ids. */
    public static final String BY_COURSE = "course";
    /** Index of {@code learner|quiz}. */
    public static final String BY_LEARNER_QUIZ = "learner-quiz";
    /** Index of learner ids. */
    public static final String BY_LEARNER = "learner";
    /** Index of quiz ids. */
    public static final String BY_QUIZ = "quiz";

    /** A quiz. */
    public static final AggregateType<Quiz> QUIZ = AggregateType
            .builder("quiz", Quiz.class, q -> q.id().value())
            .index(BY_COURSE, q -> q.courseId().value())
            .build();

    /** An attempt; one number per learner and quiz. */
    public static final AggregateType<QuizAttempt> ATTEMPT = AggregateType
            .builder("quiz_attempt", QuizAttempt.class, a -> a.id().value())
            .index(BY_LEARNER_QUIZ, a -> a.learner().value() + "|" + a.quizId().value())
            .index(BY_LEARNER, a -> a.learner().value())
            .index(BY_QUIZ, a -> a.quizId().value())
            .unique("number", a -> a.learner().value() + "|" + a.quizId().value() + "|" + a.number())
            .build();

    private AssessmentTypes() {
    }
}
