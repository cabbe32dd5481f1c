package io.learnloop.core.internal.store;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A read-only view of the values of committed rows: the rows' list is immutable, so the view needs no copy.
 *
 * @param <T> the record type
 */
final class RowValues<T> extends AbstractList<T> implements RandomAccess {
    private final Class<T> type;
    private final List<MemoryStore.Row> rows;

    RowValues(Class<T> type, List<MemoryStore.Row> rows) {
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
}
