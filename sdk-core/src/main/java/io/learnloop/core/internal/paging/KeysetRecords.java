package io.learnloop.core.internal.paging;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Records read lazily, one keyset page of a sorted index at a time ({@link Pages}), each page in its own read: the
 * personal-data sections and erasure steps of every module walk a learner's history with it, so a long history, or
 * the size of the whole store, is never read at once.
 *
 * <p>Thread-safe: stateless. Each iterator it returns belongs to one iteration and is not thread-safe.
 */
public final class KeysetRecords {
    /** Records read per page. */
    public static final int PAGE = 200;

    private KeysetRecords() {
    }

    /**
     * The records filed under one key of a sorted index, in index order.
     *
     * @param ctx   the context whose store is read
     * @param type  the record type
     * @param index a sorted index of the type
     * @param key   the key
     * @param <T>   the record type
     * @return the records, read a page at a time as they are iterated
     */
    public static <T> Iterator<T> under(ServiceContext ctx, AggregateType<T> type, String index, String key) {
        type.requireSortedIndex(index);
        return flatten(new Paged<T>(cursor -> ctx.read(uow -> Pages.page(uow, type, index, key,
                IndexRange.first(PAGE), cursor, Function.identity()))), page -> page.items().iterator());
    }

    /**
     * The records under each key the outer iterator gives, one key after another; the next key is taken only once
     * the last key's records are used up.
     *
     * @param keys    the keys
     * @param records the records under a key
     * @param <K>     the key type
     * @param <T>     the record type
     * @return the records
     */
    public static <K, T> Iterator<T> flatten(Iterator<K> keys,
                                             Function<? super K, ? extends Iterator<? extends T>> records) {
        return new Iterator<>() {
            private Iterator<? extends T> inner = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!inner.hasNext() && keys.hasNext()) {
                    inner = records.apply(keys.next());
                }
                return inner.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return inner.next();
            }
        };
    }

    /** The pages of one listing, each read when asked for; the last page's cursor is null. */
    private static final class Paged<T> implements Iterator<Page<T>> {
        private final Function<String, Page<T>> read;
        private String cursor;
        private boolean last;

        Paged(Function<String, Page<T>> read) {
            this.read = read;
        }

        @Override
        public boolean hasNext() {
            return !last;
        }

        @Override
        public Page<T> next() {
            if (last) {
                throw new NoSuchElementException();
            }
            Page<T> page = read.apply(cursor);
            cursor = page.nextCursor();
            last = cursor == null;
            return page;
        }
    }
}
