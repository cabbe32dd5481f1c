package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records filed under one key of a sorted index, read a page at a time as they are iterated, each page in its
 * own read: a learner's export never holds more than a page of their statements.
 *
 * <p>Not thread-safe: one iteration.
 *
 * @param <T> the record type
 */
final class Pages<T> implements Iterator<T> {
    private static final int PAGE = 200;

    private final ServiceContext context;
    private final AggregateType<T> type;
    private final String index;
    private final String key;
    private Iterator<Versioned<T>> current = List.<Versioned<T>>of().iterator();
    private String cursor;
    private boolean last;

    Pages(ServiceContext context, AggregateType<T> type, String index, String key) {
        this.context = context;
        this.type = type;
        this.index = index;
        this.key = key;
    }

    @Override
    public boolean hasNext() {
        if (!current.hasNext() && !last) {
            List<Versioned<T>> page = context.read(uow -> uow.findRange(type, index, key,
                    IndexRange.first(PAGE).continuing(cursor)));
            last = page.size() < PAGE;
            if (!page.isEmpty()) {
                cursor = type.position(index, page.get(page.size() - 1).value());
            }
            current = page.iterator();
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
