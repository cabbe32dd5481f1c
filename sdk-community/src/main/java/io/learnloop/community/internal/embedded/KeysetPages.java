package io.learnloop.community.internal.embedded;

import io.learnloop.core.Page;
import io.learnloop.core.error.Validator;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One page of a sorted index under one key, as sdk-core's {@link Pages} reads it, but skipping the aggregates the
 * reader may not see. Skipped rows are read past a bounded number of times ({@value #MAX_READS} reads of one page
 * size and one row each), so a page of a listing with many hidden rows may be short, or even empty, and still have a next
 * cursor: the cursor is the position of the last row looked at, not of the last row returned.
 *
 * <p>Thread-safe: stateless.
 */
final class KeysetPages {
    /** The most index reads one page makes while it skips rows the reader may not see. */
    static final int MAX_READS = 4;

    /** A position of a sorted index whose sort keys are 19-digit numbers or instants ({@link SortKeys}). */
    private static final Pattern POSITION = Pattern.compile("[0-9]{19}" + SortKeys.SEPARATOR + "[^\\x00-\\x1f]+");

    private KeysetPages() {
    }

    static <T, R> Page<R> page(UnitOfWork uow, AggregateType<T> type, String index, String key, int limit,
                               String cursor, Predicate<T> visible, Function<T, R> map) {
        Pages.checkLimit(limit);
        if (cursor != null) {
            new Validator().check(cursor.length() <= 2048 && POSITION.matcher(cursor).matches(), "cursor",
                    "is not a cursor this listing returned; start again without one").throwIfInvalid();
        }
        List<R> items = new ArrayList<>(limit);
        String last = cursor;
        for (int read = 1; ; read++) {
            List<Versioned<T>> found = uow.findRange(type, index, key, IndexRange.first(limit + 1).continuing(last));
            for (Versioned<T> v : found) {
                if (items.size() == limit) {
                    return new Page<>(items, last);
                }
                last = type.position(index, v.value());
                if (visible.test(v.value())) {
                    items.add(map.apply(v.value()));
                }
            }
            if (found.size() <= limit) {
                return new Page<>(items, null);
            }
            if (read == MAX_READS && items.size() < limit) {
                return new Page<>(items, last);
            }
        }
    }
}
