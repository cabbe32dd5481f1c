package io.learnloop.jdbc.internal;

import java.util.List;

/**
 * The secondary keys of one version of an aggregate, as the store keeps them: its unique keys and its index entries
 * (with their positions in sorted indexes).
 *
 * <p>Thread-safe: immutable.
 *
 * @param uniques the unique keys, without positions
 * @param indexes the index entries
 */
record AggregateKeys(List<Key> uniques, List<Key> indexes) {
    static final AggregateKeys NONE = new AggregateKeys(List.of(), List.of());

    AggregateKeys {
        uniques = List.copyOf(uniques);
        indexes = List.copyOf(indexes);
    }

    /**
     * One secondary key: the index or unique key's name, the key, and its position if the index is sorted.
     *
     * @param name  the index or unique key's name
     * @param value the key
     * @param sort  the position in a sorted index, or null
     */
    record Key(String name, String value, String sort) {
    }

    /**
     * The keys of {@code these} that {@code other} does not hold, in order.
     *
     * @param these the keys to filter
     * @param other the keys to take away
     * @return the difference
     */
    static List<Key> minus(List<Key> these, List<Key> other) {
        if (other.isEmpty()) {
            return these;
        }
        java.util.Set<Key> taken = new java.util.HashSet<>(other);
        return these.stream().filter(k -> !taken.contains(k)).toList();
    }
}
