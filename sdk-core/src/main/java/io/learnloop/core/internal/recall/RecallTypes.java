package io.learnloop.core.internal.recall;

import io.learnloop.core.recall.RecallCard;
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

    private RecallTypes() {
    }
}
