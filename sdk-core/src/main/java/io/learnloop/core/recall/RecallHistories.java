package io.learnloop.core.recall;

import io.learnloop.core.Page;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.privacy.ConsentService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A population's card histories read from the store, for {@link FsrsOptimizer}: the stored reviews of a time window,
 * read a page at a time through the tenant-wide index by review instant ({@link RecallService#reviews}), grouped by
 * card, oldest first.
 *
 * <p>What is kept, so memory stays bounded whatever the store holds:
 * <ul>
 *   <li>only cards whose first review falls in the window: a card first reviewed before it would have a history
 *       missing its start, which the optimiser cannot replay;</li>
 *   <li>at most {@linkplain Builder#maxCards(int) maxCards} cards of at most {@linkplain Builder#maxLearners(int)
 *       maxLearners} learners, taken in the order their first reviews happened; later cards are left out
 *       ({@link #capped()} says so), while the cards already taken keep collecting their reviews to the window's
 *       end;</li>
 *   <li>no learner who refused {@link ConsentPurpose#ANALYTICS}: fitting a population's weights is an analysis of
 *       their learning.</li>
 * </ul>
 * The read itself walks the window's reviews once, {@value Page#MAX_LIMIT} at a time; choose the window to bound it.
 *
 * <p>Thread-safe: immutable once read.
 */
public final class RecallHistories {
    /** The most cards kept, unless set otherwise. */
    public static final int DEFAULT_MAX_CARDS = 20_000;
    /** The most learners whose cards are kept, unless set otherwise. */
    public static final int DEFAULT_MAX_LEARNERS = 5_000;
    private static final int CONSENT_CACHE = 10_000;

    private final List<CardHistory> histories;
    private final int learners;
    private final long reviewsRead;
    private final boolean capped;

    private RecallHistories(List<CardHistory> histories, int learners, long reviewsRead, boolean capped) {
        this.histories = List.copyOf(histories);
        this.learners = learners;
        this.reviewsRead = reviewsRead;
        this.capped = capped;
    }

    /**
     * Starts reading.
     *
     * @param recall   the recall service of the facade
     * @param consents the consent service of the facade
     * @param analyst  who reads, with {@link Role#ADMIN}
     * @return a builder
     * @throws io.learnloop.core.error.ForbiddenException  if the analyst is not an admin
     * @throws io.learnloop.core.error.ValidationException if an argument is missing
     */
    public static Builder builder(RecallService recall, ConsentService consents, Actor analyst) {
        new Validator().notNull("recall", recall).notNull("consents", consents).notNull("analyst", analyst)
                .throwIfInvalid();
        analyst.require(Role.ADMIN, "read every learner's reviews");
        return new Builder(recall, consents, analyst);
    }

    /**
     * The histories, each from its card's first review, in the order those first reviews happened.
     *
     * @return the histories
     */
    public List<CardHistory> histories() {
        return histories;
    }

    /**
     * How many learners the histories belong to.
     *
     * @return the learners
     */
    public int learners() {
        return learners;
    }

    /**
     * How many stored reviews the read walked, kept or not.
     *
     * @return the reviews read
     */
    public long reviewsRead() {
        return reviewsRead;
    }

    /**
     * Whether a card was left out because a cap was reached.
     *
     * @return true if capped
     */
    public boolean capped() {
        return capped;
    }

    /**
     * Evaluates the scheduler on a time split: fits the weights on the reviews before the cutoff (from the defaults)
     * and scores the forecasts of the reviews from the cutoff on, for the fitted weights, the defaults and SM-2. Each
     * card's reviews before the cutoff are replayed, so its state at the cutoff is known.
     *
     * @param optimizer the optimiser
     * @param cutoff    the first instant scored
     * @return the evaluation
     * @throws io.learnloop.core.error.ValidationException if an argument is missing
     */
    public TimeSplitEvaluation evaluate(FsrsOptimizer optimizer, Instant cutoff) {
        new Validator().notNull("optimizer", optimizer).notNull("cutoff", cutoff).throwIfInvalid();
        List<CardHistory> past = histories.stream().map(h -> h.before(cutoff)).filter(h -> !h.reviews().isEmpty())
                .toList();
        FsrsParameters fitted = optimizer.fit(past, FsrsParameters.defaults());
        return new TimeSplitEvaluation(cutoff, fitted, optimizer.score(fitted, histories, cutoff),
                optimizer.score(FsrsParameters.defaults(), histories, cutoff), optimizer.scoreSm2(histories, cutoff));
    }

    /**
     * The window and the caps of a read.
     *
     * <p>Not thread-safe: fill it from one thread, then call {@link #read()}.
     */
    public static final class Builder {
        private final RecallService recall;
        private final ConsentService consents;
        private final Actor analyst;
        private Instant from;
        private Instant to;
        private int maxCards = DEFAULT_MAX_CARDS;
        private int maxLearners = DEFAULT_MAX_LEARNERS;

        private Builder(RecallService recall, ConsentService consents, Actor analyst) {
            this.recall = recall;
            this.consents = consents;
            this.analyst = analyst;
        }

        /**
         * Sets the time window (required).
         *
         * @param from the first instant included
         * @param to   the first instant left out
         * @return this builder
         */
        public Builder window(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        /**
         * Sets the most cards kept.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxCards(int max) {
            new Validator().check(max >= 1, "maxCards", "must be at least 1 (was " + max + ")").throwIfInvalid();
            this.maxCards = max;
            return this;
        }

        /**
         * Sets the most learners whose cards are kept.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxLearners(int max) {
            new Validator().check(max >= 1, "maxLearners", "must be at least 1 (was " + max + ")").throwIfInvalid();
            this.maxLearners = max;
            return this;
        }

        /**
         * Reads the window.
         *
         * @return the histories
         * @throws io.learnloop.core.error.ValidationException if the window is missing or empty
         */
        public RecallHistories read() {
            new Validator().notNull("window.from", from).notNull("window.to", to)
                    .check(from == null || to == null || from.isBefore(to), "window.to",
                            "must be after window.from (" + from + "; was " + to + ")")
                    .throwIfInvalid();
            Map<String, List<RatedReview>> cards = new LinkedHashMap<>();
            Set<UserId> learners = new HashSet<>();
            Map<UserId, Boolean> allowed = new HashMap<>();
            long read = 0;
            boolean capped = false;
            String cursor = null;
            do {
                Page<RecallReview> page = recall.reviews(analyst, from, to, cursor, Page.MAX_LIMIT);
                for (RecallReview r : page.items()) {
                    read++;
                    List<RatedReview> kept = cards.get(r.cardId());
                    if (kept != null) {
                        kept.add(r.rated());
                        continue;
                    }
                    // a later review of a card left out is left out too: without its first review it is not kept
                    if (!r.first() || !allowed(allowed, r.learner())) {
                        continue;
                    }
                    boolean newLearner = !learners.contains(r.learner());
                    if (cards.size() >= maxCards || (newLearner && learners.size() >= maxLearners)) {
                        capped = true;
                        continue;
                    }
                    learners.add(r.learner());
                    List<RatedReview> history = new ArrayList<>();
                    history.add(r.rated());
                    cards.put(r.cardId(), history);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            List<CardHistory> out = new ArrayList<>(cards.size());
            cards.values().forEach(h -> out.add(new CardHistory(h)));
            return new RecallHistories(out, learners.size(), read, capped);
        }

        private boolean allowed(Map<UserId, Boolean> cache, UserId learner) {
            if (cache.size() >= CONSENT_CACHE) {
                cache.clear();
            }
            return cache.computeIfAbsent(learner, l -> consents.allows(l, ConsentPurpose.ANALYTICS));
        }
    }
}
