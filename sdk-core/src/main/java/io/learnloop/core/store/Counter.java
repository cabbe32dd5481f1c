package io.learnloop.core.store;

/**
 * The value of one member of a counter group, as {@link UnitOfWork#counters} reads it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param member the member's name
 * @param value  the sum of every amount added to it
 */
public record Counter(String member, long value) {
}
