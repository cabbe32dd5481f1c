package io.learnloop.core.store;

/**
 * An aggregate as read from the store, with the version to pass to a compare-and-set update.
 *
 * <p>Thread-safe: immutable record (the value is an immutable record too).
 *
 * @param value   the aggregate
 * @param version its version: 1 after insert, one more after each update
 * @param <T>     the record type
 */
public record Versioned<T>(T value, long version) {
}
