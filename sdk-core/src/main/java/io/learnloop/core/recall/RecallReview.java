package io.learnloop.core.recall;

import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * One stored review of a learner's card: the review log the scheduler wrote when the card was reviewed (by a quiz
 * attempt or a flashcard session). The reviews of a card, oldest first, are its {@link CardHistory}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the review's id, derived from the card and the review instant
 * @param learner    the learner
 * @param quiz       the quiz the question belongs to
 * @param questionId the question's id in the quiz
 * @param log        what the review saw: the state before it, the rating and the instant
 */
public record RecallReview(String id, UserId learner, QuizId quiz, String questionId, ReviewLog log) {
    /**
     * Validates.
     *
     * @param id         the id
     * @param learner    the learner
     * @param quiz       the quiz
     * @param questionId the question
     * @param log        the log
     * @throws io.learnloop.core.error.ValidationException naming each missing field
     */
    public RecallReview {
        new Validator().notNull("id", id).notNull("learner", learner).notNull("quiz", quiz)
                .notNull("questionId", questionId).notNull("log", log).throwIfInvalid();
    }

    /**
     * The id of the card reviewed, as {@link RecallCard#idOf}.
     *
     * @return {@code learner|quiz|question}
     */
    public String cardId() {
        return RecallCard.idOf(learner, quiz, questionId);
    }

    /**
     * The review as the optimiser reads it.
     *
     * @return its instant and rating
     */
    public RatedReview rated() {
        return RatedReview.of(log);
    }

    /**
     * Whether this was the card's first review (the card was new before it), so its history starts here.
     *
     * @return true for a first review
     */
    public boolean first() {
        return log.state() == CardState.NEW;
    }
}
