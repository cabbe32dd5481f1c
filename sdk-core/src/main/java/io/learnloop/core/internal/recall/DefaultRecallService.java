package io.learnloop.core.internal.recall;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.AttemptState;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.Outcome;
import io.learnloop.core.assessment.QuestionFeedback;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.assessment.AssessmentTypes;
import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.recall.Card;
import io.learnloop.core.recall.Rating;
import io.learnloop.core.recall.RecallCard;
import io.learnloop.core.recall.RecallReview;
import io.learnloop.core.recall.RecallService;
import io.learnloop.core.recall.ScheduledReview;
import io.learnloop.core.recall.ReviewScheduler;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The store-backed {@link RecallService}.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultRecallService implements RecallService {
    private final ServiceContext context;
    private final ReviewScheduler scheduler;

    /**
     * Wires the service.
     *
     * @param context   the facade's context
     * @param scheduler the scheduler
     */
    public DefaultRecallService(ServiceContext context, ReviewScheduler scheduler) {
        this.context = context;
        this.scheduler = scheduler;
    }

    /**
     * The rating a graded answer gives its card.
     *
     * @param outcome how the answer was judged
     * @return Good when correct, Hard when partly correct, Again otherwise
     */
    static Rating ratingOf(Outcome outcome) {
        return switch (outcome) {
            case CORRECT -> Rating.GOOD;
            case PARTIAL -> Rating.HARD;
            case WRONG, UNANSWERED -> Rating.AGAIN;
        };
    }

    @Override
    public List<RecallCard> recordAttempt(UserId learner, AttemptId attemptId) {
        new Validator().notNull("learner", learner).notNull("attempt", attemptId).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            QuizAttempt attempt = uow.get(AssessmentTypes.ATTEMPT, attemptId.value()).value();
            if (!attempt.learner().equals(learner)) {
                throw new ForbiddenException("Attempt '" + attemptId + "' belongs to another learner.");
            }
            if (attempt.state() != AttemptState.SUBMITTED || attempt.result() == null) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Attempt '" + attemptId
                        + "' has not been submitted; its answers become review cards once it is.");
            }
            Map<String, String> questionOfKey = attempt.questions().stream()
                    .collect(Collectors.toMap(DrawnQuestion::key, DrawnQuestion::questionId));
            Instant at = attempt.submittedAt();
            List<RecallCard> out = new ArrayList<>();
            for (QuestionFeedback f : attempt.result().feedback()) {
                String questionId = questionOfKey.get(f.key());
                String id = RecallCard.idOf(learner, attempt.quizId(), questionId);
                Optional<Versioned<RecallCard>> found = uow.find(RecallTypes.CARD, id);
                Card before = found.map(v -> v.value().card()).orElse(Card.newCard(at));
                if (before.lastReview() != null && !at.isAfter(before.lastReview())) {
                    out.add(found.get().value());
                    continue;
                }
                ScheduledReview reviewed = scheduler.review(before, ratingOf(f.outcome()), at);
                RecallCard card = new RecallCard(id, learner, attempt.quizId(), questionId, reviewed.card(),
                        attemptId);
                out.add(store(uow, card, found));
                log(uow, card, reviewed);
            }
            return out;
        }));
    }

    @Override
    public RecallCard review(UserId learner, QuizId quiz, String questionId, Rating rating) {
        new Validator().notNull("learner", learner).notNull("quiz", quiz).notNull("questionId", questionId)
                .notNull("rating", rating).throwIfInvalid();
        return ConflictRetry.onConflict(() -> context.transact(uow -> {
            Versioned<RecallCard> stored = uow.get(RecallTypes.CARD, RecallCard.idOf(learner, quiz, questionId));
            RecallCard c = stored.value();
            ScheduledReview reviewed = scheduler.review(c.card(), rating, context.now());
            RecallCard card = store(uow, new RecallCard(c.id(), learner, quiz, questionId, reviewed.card(), null),
                    Optional.of(stored));
            log(uow, card, reviewed);
            return card;
        }));
    }

    /**
     * Keeps the review's log with the card, in its unit of work, for fitting the scheduler's weights and for
     * analyses. The id is derived from the card and the instant, so a card reviewed twice in the same instant
     * (a retried flashcard request) keeps one log.
     */
    private static void log(UnitOfWork uow, RecallCard card, ScheduledReview reviewed) {
        String id = reviewId(card.id(), reviewed.log().reviewedAt());
        if (uow.find(RecallTypes.REVIEW, id).isEmpty()) {
            uow.insert(RecallTypes.REVIEW, new RecallReview(id, card.learner(), card.quiz(), card.questionId(),
                    reviewed.log()));
        }
    }

    /** Fixed length whatever the card id holds: the id is part of every index position. */
    static String reviewId(String cardId, Instant at) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((cardId + "\n" + at).getBytes(StandardCharsets.UTF_8));
            return "rv-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static RecallCard store(UnitOfWork uow, RecallCard card, Optional<Versioned<RecallCard>> found) {
        if (found.isPresent()) {
            return uow.update(RecallTypes.CARD, card, found.get().version()).value();
        }
        return uow.insert(RecallTypes.CARD, card).value();
    }

    @Override
    public Optional<RecallCard> card(UserId learner, QuizId quiz, String questionId) {
        new Validator().notNull("learner", learner).notNull("quiz", quiz).notNull("questionId", questionId)
                .throwIfInvalid();
        return context.read(uow -> uow.find(RecallTypes.CARD, RecallCard.idOf(learner, quiz, questionId))
                .map(Versioned::value));
    }

    @Override
    public Page<RecallCard> due(UserId learner, Instant at, String cursor, int limit) {
        new Validator().notNull("learner", learner).notNull("at", at).throwIfInvalid();
        Pages.checkLimit(limit);
        IndexRange range = new IndexRange(null, SortKeys.after(SortKeys.instant(at)), limit, false);
        return context.read(uow -> Pages.page(uow, RecallTypes.CARD, RecallTypes.BY_LEARNER_DUE, learner.value(),
                range, cursor, Function.identity()));
    }

    @Override
    public Page<RecallReview> reviewsOf(UserId learner, Instant from, Instant to, String cursor, int limit) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        return reviews(RecallTypes.BY_LEARNER_REVIEWED, learner.value(), from, to, cursor, limit);
    }

    @Override
    public Page<RecallReview> reviews(Actor analyst, Instant from, Instant to, String cursor, int limit) {
        new Validator().notNull("analyst", analyst).throwIfInvalid();
        analyst.require(Role.ADMIN, "read every learner's reviews");
        return reviews(RecallTypes.REVIEWED, RecallTypes.ALL_REVIEWS, from, to, cursor, limit);
    }

    private Page<RecallReview> reviews(String index, String key, Instant from, Instant to, String cursor,
                                       int limit) {
        new Validator().notNull("from", from).notNull("to", to)
                .check(from == null || to == null || from.isBefore(to), "to",
                        "must be after from (" + from + "; was " + to + ")")
                .throwIfInvalid();
        Pages.checkLimit(limit);
        // bare sort keys: the lower one sorts before every review at `from`, the upper one before every review at `to`
        IndexRange range = new IndexRange(SortKeys.instant(from), SortKeys.instant(to), limit, false);
        return context.read(uow -> Pages.page(uow, RecallTypes.REVIEW, index, key, range, cursor,
                Function.identity()));
    }
}
