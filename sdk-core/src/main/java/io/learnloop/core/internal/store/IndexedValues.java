package io.learnloop.core.internal.store;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.UnitOfWork;

import java.util.List;
import java.util.function.BiFunction;

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

    /**
     * A value derived from the values under an index key. The in-memory store remembers the result with its
     * committed rows under the key and drops it when any of them changes, so a derivation must be a pure function
     * of its arguments, and it is recognised by identity (keep it in a constant).
     *
     * @param type       the aggregate type
     * @param index      the index name
     * @param key        the key
     * @param derivation computes the value from the key and the values under it (empty if none)
     * @param <T>        the record type
     * @param <R>        the derived type
     * @return the derived value
     */
    <T, R> R derive(AggregateType<T> type, String index, String key, BiFunction<String, List<T>, R> derivation);
}
