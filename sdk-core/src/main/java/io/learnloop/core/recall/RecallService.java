package io.learnloop.core.recall;

import io.learnloop.core.Page;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Spaced review of quiz questions: every question a learner has answered becomes a review card, scheduled by FSRS
 * with the facade's {@link ReviewScheduler}. A submitted attempt reviews the card of each of its questions at the
 * submission instant: a correct answer rates Good, a partly correct one Hard, a wrong or missing one Again.
 *
 * <p>Get it from {@link io.learnloop.core.Learnloop#recall()}. Thread-safe.
 */
public interface RecallService {
    /**
     * Reviews the card of every question of a submitted attempt, creating the cards that do not exist yet. Safe to
     * repeat: a card already reviewed at or after the attempt's submission is left as it is, so recording the same
     * attempt twice (or an older attempt after a newer one) changes nothing.
     *
     * @param learner the learner who submitted it
     * @param attempt the attempt
     * @return the card of each question of the attempt, in the attempt's order
     * @throws io.learnloop.core.error.NotFoundException  if there is no such attempt
     * @throws io.learnloop.core.error.ForbiddenException if it belongs to another learner
     * @throws io.learnloop.core.error.ConflictException  if it has not been submitted
     */
    List<RecallCard> recordAttempt(UserId learner, AttemptId attempt);

    /**
     * Reviews a card outside a quiz (a flashcard session), now.
     *
     * @param learner    the learner
     * @param quiz       the quiz
     * @param questionId the question
     * @param rating     how well the learner recalled it
     * @return the card after the review
     * @throws io.learnloop.core.error.NotFoundException if the learner has no card for that question
     */
    RecallCard review(UserId learner, QuizId quiz, String questionId, Rating rating);

    /**
     * A learner's card for a question.
     *
     * @param learner    the learner
     * @param quiz       the quiz
     * @param questionId the question
     * @return the card, if the learner has answered the question
     */
    Optional<RecallCard> card(UserId learner, QuizId quiz, String questionId);

    /**
     * A learner's cards due at an instant, the longest due first.
     *
     * @param learner the learner
     * @param at      the instant
     * @param cursor  the previous page's cursor, or null for the first page
     * @param limit   the page size, 1 to {@value Page#MAX_LIMIT}
     * @return one page
     */
    Page<RecallCard> due(UserId learner, Instant at, String cursor, int limit);

    /**
     * A learner's reviews within a time range, oldest first, a page at a time: their card histories, read through a
     * sorted index by review instant.
     *
     * @param learner the learner
     * @param from    the first instant included
     * @param to      the first instant left out, after {@code from}
     * @param cursor  the previous page's cursor, or null for the first page
     * @param limit   the page size, 1 to {@value Page#MAX_LIMIT}
     * @return one page
     * @throws io.learnloop.core.error.ValidationException if an argument is missing, the range is empty or the
     *                                                     limit is out of range
     */
    Page<RecallReview> reviewsOf(UserId learner, Instant from, Instant to, String cursor, int limit);

    /**
     * Every learner's reviews within a time range, oldest first, a page at a time, for fitting the scheduler's weights
     * to a population ({@link RecallHistories}) and for analyses. Reviews of learners who refused analytics are
     * included: the caller leaves them out where the purpose is analytics.
     *
     * @param analyst who reads, with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param from    the first instant included
     * @param to      the first instant left out, after {@code from}
     * @param cursor  the previous page's cursor, or null for the first page
     * @param limit   the page size, 1 to {@value Page#MAX_LIMIT}
     * @return one page
     * @throws io.learnloop.core.error.ForbiddenException  if the analyst is not an admin
     * @throws io.learnloop.core.error.ValidationException if an argument is missing, the range is empty or the
     *                                                     limit is out of range
     */
    Page<RecallReview> reviews(Actor analyst, Instant from, Instant to, String cursor, int limit);
}
