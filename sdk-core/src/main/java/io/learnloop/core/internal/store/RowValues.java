package io.learnloop.core.internal.store;

import java.util.AbstractList;
import java.util.Iterator;

/**
 * A read-only view of the values of committed rows: the rows' tree is immutable, so the view needs no copy.
 *
 * @param <T> the record type
 */
final class RowValues<T> extends AbstractList<T> {
    private final Class<T> type;
    private final PostingTree rows;

    RowValues(Class<T> type, PostingTree rows) {
        this.type = type;
        this.rows = rows;
    }

    @Override
    public T get(int index) {
        return type.cast(rows.get(index).value());
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** Walks the tree's leaves instead of looking each position up from the root. */
    @Override
    public Iterator<T> iterator() {
        Iterator<MemoryStore.Row> it = rows.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return type.cast(it.next().value());
            }
        };
    }
}
