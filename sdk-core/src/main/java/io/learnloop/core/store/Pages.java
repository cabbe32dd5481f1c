package io.learnloop.core.store;

import io.learnloop.core.Page;
import io.learnloop.core.error.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link Page}s of a sorted index, for the listings of every module: one more aggregate than asked for is read, so
 * the last page is known without a second read, and the cursor is the position of the page's last item.
 *
 * <p>Thread-safe: stateless.
 */
public final class Pages {
    private Pages() {
    }

    /**
     * Checks a page request's limit.
     *
     * @param limit the limit asked for
     */
    public static void checkLimit(int limit) {
        new Validator().check(limit >= 1 && limit <= Page.MAX_LIMIT, "limit",
                "must be 1 to " + Page.MAX_LIMIT + " (was " + limit + ")").throwIfInvalid();
    }

    /**
     * Reads one page under a key of a sorted index.
     *
     * @param uow    the unit of work
     * @param type   the aggregate type
     * @param index  the sorted index
     * @param key    the key
     * @param range  the bounds and direction; its limit is the page size
     * @param cursor the previous page's cursor, or null for the first page
     * @param map    turns an aggregate into a page item
     * @param <T>    the aggregate type
     * @param <R>    the item type
     * @return the page
     */
    public static <T, R> Page<R> page(UnitOfWork uow, AggregateType<T> type, String index, String key,
                                      IndexRange range, String cursor, Function<T, R> map) {
        checkLimit(range.limit());
        IndexRange oneMore = new IndexRange(range.after(), range.before(), range.limit() + 1, range.descending());
        if (cursor != null) {
            new Validator().check(!cursor.isBlank() && cursor.length() <= 2048, "cursor",
                    "is not a cursor this listing returned").throwIfInvalid();
            oneMore = oneMore.continuing(cursor);
        }
        List<Versioned<T>> found = uow.findRange(type, index, key, oneMore);
        boolean more = found.size() > range.limit();
        List<R> items = new ArrayList<>(Math.min(found.size(), range.limit()));
        for (int i = 0; i < found.size() && i < range.limit(); i++) {
            items.add(map.apply(found.get(i).value()));
        }
        String next = more ? type.position(index, found.get(range.limit() - 1).value()) : null;
        return new Page<>(items, next);
    }
}
