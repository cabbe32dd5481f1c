package io.learnloop.community;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a listing, with the means to fetch the pages after it. Every listing of the community API returns a
 * page, whatever paging scheme the backend uses underneath.
 *
 * <p>Implementations are immutable and thread-safe; fetching the next page may make a remote call.
 *
 * @param <T> the item type
 */
public interface Page<T> {
    /**
     * The items on this page.
     *
     * @return the items
     */
    List<T> items();

    /**
     * Whether another page may follow. A backend that pages by cursor can learn only by fetching that nothing is
     * left; then {@link #nextPage()} returns empty although this said true. {@link #iterateAll()} handles both.
     *
     * @return false if this is certainly the last page
     */
    boolean hasNextPage();

    /**
     * Fetches the following page.
     *
     * @return the next page, or empty on the last page
     */
    Optional<Page<T>> nextPage();

    /**
     * The text that resumes this listing at the page after this one, for listings that take a cursor (such as
     * {@link Community#topics(io.learnloop.core.identity.Actor, String, String)}): pass it back, unchanged, to the
     * same listing, for example from another request of a stateless HTTP API. Cursors are opaque and belong to the
     * backend and listing that issued them. Null on the last page, and on pages of listings that cannot be resumed
     * from text (those are only followed with {@link #nextPage()}).
     *
     * @return the next page's cursor, or null
     */
    default String nextCursor() {
        return null;
    }

    /**
     * Iterates over the items of this page and every page after it, fetching pages as needed.
     *
     * @return an iterable over all items
     */
    default Iterable<T> iterateAll() {
        Page<T> first = this;
        return () -> new Iterator<>() {
            private Page<T> page = first;
            private Iterator<T> items = first.items().iterator();

            @Override
            public boolean hasNext() {
                while (!items.hasNext()) {
                    Optional<Page<T>> next = page.nextPage();
                    if (next.isEmpty()) {
                        return false;
                    }
                    page = next.get();
                    items = page.items().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return items.next();
            }
        };
    }

    /**
     * Streams the items of this page and every page after it.
     *
     * @return a sequential stream over all items
     */
    default Stream<T> streamAll() {
        return StreamSupport.stream(iterateAll().spliterator(), false);
    }

    /**
     * Streams the items of this page and every page after it; the same as {@link #streamAll()}.
     *
     * @return a sequential stream over all items
     */
    default Stream<T> stream() {
        return streamAll();
    }
}
