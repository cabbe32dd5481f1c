package io.learnloop.core.internal.settlement;

import io.learnloop.core.settlement.BookedRefund;
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

    /** Index of refunds booked without a channel's return, by when they were booked, under {@link #AWAITING}. */
    public static final String AWAITING_RETURN = "awaiting_return";

    /** The one key of {@link #AWAITING_RETURN}: only refunds still awaiting money return are indexed. */
    public static final String AWAITING = "awaiting";

    /**
     * Index of refunds booked without a channel's return, by when they were booked, under the channel that took the
     * payment: a channel's job reads only its own, so refunds another channel must return never stand in its way. A
     * refund the channel has taken on (its own record of the return exists) leaves it: the channel follows it there.
     */
    public static final String AWAITING_BY_CHANNEL = "awaiting_return_by_channel";

    /** Refunds booked without a channel's return, by id ({@code order:refundKey}). */
    public static final AggregateType<BookedRefund> BOOKED_REFUND =
            AggregateType.builder("booked_refund", BookedRefund.class, BookedRefund::id)
                    .sortedIndex(AWAITING_RETURN, r -> r.returned() ? null : AWAITING,
                            r -> SortKeys.instant(r.bookedAt()))
                    .sortedIndex(AWAITING_BY_CHANNEL, r -> r.returned() || r.taken() || r.channel().isEmpty()
                            ? null : r.channel(),
                            r -> SortKeys.instant(r.bookedAt()))
                    .build();

    private SettlementTypes() {
    }
}
