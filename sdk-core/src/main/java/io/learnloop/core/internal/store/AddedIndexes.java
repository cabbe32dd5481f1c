package io.learnloop.core.internal.store;

import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.internal.commerce.CommerceTypes;
import io.learnloop.core.store.AggregateType;

import java.util.List;

/**
 * The core aggregate types that gained an index after rows of them may have been written, so a store written by an
 * earlier version lacks those rows' entries until they are rebuilt: offers on sale by course (the course page) and
 * live courses by creation time (the catalogue's "what next"). A type gaining an index joins this list.
 *
 * <p>Thread-safe: constants only.
 */
public final class AddedIndexes {
    /** The types to rebuild after an upgrade. */
    public static final List<AggregateType<?>> TYPES = List.of(CommerceTypes.OFFER, CatalogTypes.COURSE,
            io.learnloop.core.internal.reputation.ReputationTypes.ROLE,
            io.learnloop.core.internal.practice.PracticeTypes.REVIEW);

    private AddedIndexes() {
    }
}
