package io.learnloop.core;

import java.util.List;

/**
 * One page of a listing that may grow with history, and the cursor of the next. Every such listing of the SDK is
 * read a page at a time: pass {@link #nextCursor()} back to get the page after this one, until it is null. Cursors
 * are opaque strings, stable across host instances; a page costs the same however long the history behind it is.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param items      the items on this page (copied)
 * @param nextCursor the cursor of the next page, or null if this is the last
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
    /** The most items one page may hold. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Copies the items.
     *
     * @param items      the items
     * @param nextCursor the next cursor, or null
     */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * Whether another page follows.
     *
     * @return true if {@link #nextCursor()} is set
     */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
