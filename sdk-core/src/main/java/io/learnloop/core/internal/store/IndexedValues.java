package io.learnloop.core.internal.store;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.UnitOfWork;

import java.util.List;

/**
 * An optional read of a unit of work for hot paths that need the values under an index key but not their versions:
 * the in-memory store answers it from its committed index without copying or wrapping each value. Callers check
 * for it with {@code instanceof} and fall back to {@link UnitOfWork#findBy} on other stores.
 */
public interface IndexedValues {
    /**
     * The values {@link UnitOfWork#findBy} would return, without their versions.
     *
     * @param type  the aggregate type
     * @param index the index name
     * @param key   the key
     * @param <T>   the record type
     * @return the values, in index order; read-only
     */
    <T> List<T> valuesBy(AggregateType<T> type, String index, String key);
}
