package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The records filed under one key of a sorted index, read a page at a time as they are iterated, each page in its
 * own read: an export of a long history never holds more than a page.
 *
 * <p>Not thread-safe: one iteration.
 *
 * @param <T> the record type
 */
public final class IndexPages<T> implements Iterator<T> {
    private static final int PAGE = 200;

    private final ServiceContext ctx;
    private final AggregateType<T> type;
    private final String index;
    private final String key;
    private Iterator<Versioned<T>> current = List.<Versioned<T>>of().iterator();
    private String after;
    private boolean last;

    private IndexPages(ServiceContext ctx, AggregateType<T> type, String index, String key) {
        this.ctx = ctx;
        this.type = type;
        this.index = index;
        this.key = key;
    }

    /**
     * Iterates the records under one key of a sorted index.
     *
     * @param ctx   the context whose store is read
     * @param type  the record type
     * @param index the sorted index
     * @param key   the key
     * @param <T>   the record type
     * @return the records, in index order, read a page at a time
     */
    public static <T> Iterator<T> of(ServiceContext ctx, AggregateType<T> type, String index, String key) {
        return new IndexPages<>(ctx, type, index, key);
    }

    /** The records under each key the outer iterator gives, one key after another. */
    static <K, T> Iterator<T> flatten(Iterator<K> keys, Function<K, Iterator<T>> records) {
        return new Iterator<>() {
            private Iterator<T> inner = List.<T>of().iterator();

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

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && !last) {
            List<Versioned<T>> page = ctx.read(uow -> uow.findRange(type, index, key,
                    new IndexRange(after, null, PAGE, false)));
            current = page.iterator();
            last = page.size() < PAGE;
            if (!page.isEmpty()) {
                after = type.position(index, page.get(page.size() - 1).value());
            }
        }
        return current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next().value();
    }
}
