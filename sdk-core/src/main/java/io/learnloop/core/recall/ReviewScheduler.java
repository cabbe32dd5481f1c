package io.learnloop.core.recall;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.internal.recall.FsrsScheduler;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Schedules spaced reviews with FSRS-6, exactly as the reference implementation ts-fsrs v5 does with the same
 * parameters: the same stability, difficulty and due instant after every review.
 *
 * <p>A card starts {@link Card#newCard new}; each review moves it through the learning steps into review, where it
 * falls due when its probability of recall reaches the desired retention; a lapse sends it through the relearning
 * steps. The scheduler reads no clock: every call takes the review instant, so a schedule is a pure function of the
 * parameters, the card, the rating and the instant (fuzz included, which is seeded from them).
 *
 * <p>Thread-safe: immutable.
 */
public final class ReviewScheduler {
    private static final ReviewScheduler DEFAULT = new ReviewScheduler(FsrsParameters.defaults());

    private final FsrsParameters parameters;
    private final FsrsScheduler scheduler;

    /**
     * A scheduler with these parameters.
     *
     * @param parameters the parameters
     */
    public ReviewScheduler(FsrsParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.scheduler = new FsrsScheduler(parameters);
    }

    /**
     * A scheduler with {@link FsrsParameters#defaults() the default parameters}.
     *
     * @return the scheduler
     */
    public static ReviewScheduler withDefaults() {
        return DEFAULT;
    }

    /**
     * The parameters this scheduler uses.
     *
     * @return the parameters
     */
    public FsrsParameters parameters() {
        return parameters;
    }

    /**
     * Applies one review to a card.
     *
     * @param card       the card before the review
     * @param rating     how well the learner recalled it
     * @param reviewedAt when the review happened
     * @return the card after the review, and the review's log
     * @throws ValidationException if {@code reviewedAt} is on an earlier UTC day than the card's last review, or the
     *                             card holds a memory state FSRS cannot produce (difficulty below 1 or stability
     *                             below 0.001 once reviewed)
     */
    public ScheduledReview review(Card card, Rating rating, Instant reviewedAt) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        return scheduler.review(card, rating, reviewedAt);
    }

    /**
     * What each rating would do to a card, as the four answer buttons show it.
     *
     * @param card       the card
     * @param reviewedAt when it is reviewed
     * @return the outcome of each rating, in rating order (an unmodifiable map)
     * @throws ValidationException as {@link #review}
     */
    public Map<Rating, ScheduledReview> preview(Card card, Instant reviewedAt) {
        Map<Rating, ScheduledReview> out = new EnumMap<>(Rating.class);
        for (Rating rating : Rating.values()) {
            out.put(rating, review(card, rating, reviewedAt));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The probability that the learner recalls the card at an instant, from the whole days since its last review
     * (as ts-fsrs's {@code get_retrievability}).
     *
     * @param card the card
     * @param at   the instant
     * @return the retrievability, 0 for a new card
     */
    public double retrievability(Card card, Instant at) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(at, "at");
        if (card.state() == CardState.NEW || card.lastReview() == null || card.stability() <= 0) {
            return 0;
        }
        long days = Math.max(0, Math.floorDiv(at.toEpochMilli() - card.lastReview().toEpochMilli(), 86_400_000L));
        return scheduler.math().forgettingCurve(days, card.stability());
    }

    @Override
    public String toString() {
        return "ReviewScheduler[" + parameters + "]";
    }
}
