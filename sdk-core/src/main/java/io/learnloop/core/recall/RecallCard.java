package io.learnloop.core.recall;

import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * A learner's review card for one quiz question: its FSRS memory state and schedule.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          {@code learner|quiz|question}
 * @param learner     the learner
 * @param quiz        the quiz the question belongs to
 * @param questionId  the question's id in the quiz
 * @param card        the memory state and schedule
 * @param lastAttempt the quiz attempt that last reviewed it, or null after a review outside a quiz
 */
public record RecallCard(String id, UserId learner, QuizId quiz, String questionId, Card card,
                         AttemptId lastAttempt) {
    /**
     * Validates.
     *
     * @param id          the id
     * @param learner     the learner
     * @param quiz        the quiz
     * @param questionId  the question
     * @param card        the card
     * @param lastAttempt the last attempt, or null
     * @throws io.learnloop.core.error.ValidationException naming each missing field
     */
    public RecallCard {
        new Validator().notNull("id", id).notNull("learner", learner).notNull("quiz", quiz)
                .notNull("questionId", questionId).notNull("card", card).throwIfInvalid();
    }

    /**
     * The id of a learner's card for a question.
     *
     * @param learner    the learner
     * @param quiz       the quiz
     * @param questionId the question
     * @return {@code learner|quiz|question}
     */
    public static String idOf(UserId learner, QuizId quiz, String questionId) {
        return learner.value() + "|" + quiz.value() + "|" + questionId;
    }
}
