package io.learnloop.core.internal.recall;

import io.learnloop.core.recall.RecallCard;
import io.learnloop.core.recall.RecallReview;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregate types of spaced review.
 *
 * <p>Thread-safe: constants only.
 */
public final class RecallTypes {
    /** Sorted index of a learner's cards by due instant. */
    public static final String BY_LEARNER_DUE = "learner-due";

    /** A learner's card for one quiz question. */
    public static final AggregateType<RecallCard> CARD = AggregateType
            .builder("recall_card", RecallCard.class, RecallCard::id)
            .sortedIndex(BY_LEARNER_DUE, c -> c.learner().value(), c -> SortKeys.instant(c.card().due()))
            .build();

    /** Sorted index of a learner's reviews by review instant. */
    public static final String BY_LEARNER_REVIEWED = "learner-reviewed";
    /** Sorted index of every review of the tenant by review instant, under the one key {@link #ALL_REVIEWS}. */
    public static final String REVIEWED = "reviewed";
    /** The key of {@link #REVIEWED}. */
    public static final String ALL_REVIEWS = "all";

    /**
     * One review of a card: its log. Indexed by learner for a learner's own reviews, and tenant-wide for a
     * population's histories; both sorted by the review instant, so every read is a time range.
     */
    public static final AggregateType<RecallReview> REVIEW = AggregateType
            .builder("recall_review", RecallReview.class, RecallReview::id)
            .sortedIndex(BY_LEARNER_REVIEWED, r -> r.learner().value(), r -> SortKeys.instant(r.log().reviewedAt()))
            .sortedIndex(REVIEWED, r -> ALL_REVIEWS, r -> SortKeys.instant(r.log().reviewedAt()))
            .build();

    private RecallTypes() {
    }
}
