package io.learnloop.community.internal;

import io.learnloop.community.Page;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A page whose next page comes from a supplier (a remote call or a slice of a local list).
 *
 * <p>Thread-safe: immutable; the supplier must be thread-safe.
 *
 * @param <T> the item type
 */
public final class ListPage<T> implements Page<T> {
    private final List<T> items;
    private final Supplier<Optional<Page<T>>> next;
    private final boolean hasNext;
    private final String nextCursor;

    /**
     * Creates a page.
     *
     * @param items   the items
     * @param hasNext whether a next page exists
     * @param next    fetches the next page (called only when {@code hasNext})
     */
    public ListPage(List<T> items, boolean hasNext, Supplier<Optional<Page<T>>> next) {
        this(items, hasNext, null, next);
    }

    /**
     * Creates a page of a listing that can be resumed from a cursor.
     *
     * @param items      the items
     * @param nextCursor the cursor of the next page, or null on the last page
     * @param next       fetches the next page (called only when there is a cursor)
     * @param <T>        the item type
     * @return the page
     */
    public static <T> ListPage<T> resumable(List<T> items, String nextCursor, Supplier<Optional<Page<T>>> next) {
        return new ListPage<>(items, nextCursor != null, nextCursor, next);
    }

    private ListPage(List<T> items, boolean hasNext, String nextCursor, Supplier<Optional<Page<T>>> next) {
        this.items = List.copyOf(items);
        this.hasNext = hasNext;
        this.nextCursor = nextCursor;
        this.next = next;
    }

    /**
     * Pages over a list held in memory.
     *
     * @param all      every item
     * @param pageSize items per page
     * @param <T>      the item type
     * @return the first page
     */
    public static <T> Page<T> slices(List<T> all, int pageSize) {
        return slice(List.copyOf(all), 0, pageSize);
    }

    private static <T> Page<T> slice(List<T> all, int from, int pageSize) {
        int to = Math.min(all.size(), from + pageSize);
        boolean more = to < all.size();
        return new ListPage<>(all.subList(from, to), more, () -> Optional.of(slice(all, to, pageSize)));
    }

    @Override
    public List<T> items() {
        return items;
    }

    @Override
    public boolean hasNextPage() {
        return hasNext;
    }

    @Override
    public Optional<Page<T>> nextPage() {
        return hasNext ? next.get() : Optional.empty();
    }

    @Override
    public String nextCursor() {
        return nextCursor;
    }

    @Override
    public String toString() {
        return "Page[" + items.size() + " items, hasNext=" + hasNext + "]";
    }
}
