package io.learnloop.core.internal.settlement;

import io.learnloop.core.settlement.SettlementIssue;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The settlement's aggregates as the store keeps them.
 *
 * <p>Thread-safe: constants only.
 */
public final class SettlementTypes {
    /** Index of issues by state ({@code open} or {@code resolved}), oldest first. */
    public static final String BY_STATE = "state";

    /** Issues by id ({@code order:channel:reference}). */
    public static final AggregateType<SettlementIssue> ISSUE =
            AggregateType.builder("settlement_issue", SettlementIssue.class, SettlementIssue::id)
                    .sortedIndex(BY_STATE, i -> i.open() ? "open" : "resolved", i -> SortKeys.instant(i.raisedAt()))
                    .index("order", i -> i.order().value())
                    .build();

    private SettlementTypes() {
    }
}
