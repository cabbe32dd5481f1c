package io.learnloop.core.store;

import io.learnloop.core.error.Validator;

/**
 * Which part of a sorted index key to read with {@link UnitOfWork#findRange}: positions strictly between
 * {@code after} and {@code before} (either may be null for an open end), at most {@code limit} of them, ascending or
 * descending. A bound is a position ({@link AggregateType#position}, for example the last one of a page, so the next
 * page starts after it) or a bare sort key (which sorts before every position that starts with it).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param after      exclusive lower bound, or null
 * @param before     exclusive upper bound, or null
 * @param limit      the most aggregates to read, 1 to {@value #MAX_LIMIT}
 * @param descending whether to read from the upper end down
 */
public record IndexRange(String after, String before, int limit, boolean descending) {
    /** The most aggregates one range read returns. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * Validates.
     *
     * @param after      lower bound
     * @param before     upper bound
     * @param limit      the most to read
     * @param descending the direction
     */
    public IndexRange {
        new Validator().check(limit >= 1 && limit <= MAX_LIMIT, "limit",
                "must be 1 to " + MAX_LIMIT + " (was " + limit + ")").throwIfInvalid();
    }

    /**
     * The first {@code limit} positions, ascending.
     *
     * @param limit the most to read
     * @return the range
     */
    public static IndexRange first(int limit) {
        return new IndexRange(null, null, limit, false);
    }

    /**
     * The last {@code limit} positions, newest first when the sort key is a time.
     *
     * @param limit the most to read
     * @return the range
     */
    public static IndexRange last(int limit) {
        return new IndexRange(null, null, limit, true);
    }

    /**
     * The same range, continuing after {@code cursor} in its direction (null: from the start).
     *
     * @param cursor the position of the last aggregate already read, or null
     * @return the range
     */
    public IndexRange continuing(String cursor) {
        if (cursor == null) {
            return this;
        }
        return descending ? new IndexRange(after, cursor, limit, true) : new IndexRange(cursor, before, limit, false);
    }
}
