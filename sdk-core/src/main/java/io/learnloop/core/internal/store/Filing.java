package io.learnloop.core.internal.store;

import java.util.List;

/**
 * Where a committed row is filed in one index: its keys, and for each key the filing number the row got when it
 * joined that key. The number is the row's place in the key's {@link PostingTree}, so a commit finds the entry to
 * replace or remove from the row alone, without searching the key's rows; a row keeps its number while it keeps the
 * key, which keeps index order the order in which rows joined the key.
 *
 * <p>Immutable: the array is never written after construction.
 */
final class Filing {
    private final List<String> keys;
    private final long[] numbers;

    /**
     * @param keys    the row's keys in this index, distinct
     * @param numbers the filing number under each key, by position
     */
    Filing(List<String> keys, long[] numbers) {
        if (keys.size() != numbers.length) {
            throw new IllegalArgumentException(keys.size() + " keys but " + numbers.length + " filing numbers");
        }
        this.keys = keys;
        this.numbers = numbers;
    }

    /** @return the keys */
    List<String> keys() {
        return keys;
    }

    /** @return the filing number of the key at a position of {@link #keys()} */
    long number(int position) {
        return numbers[position];
    }

    /**
     * @param key a key
     * @return the row's filing number under the key, or 0 if the row is not filed under it
     */
    long numberOf(String key) {
        int at = keys.indexOf(key);
        return at < 0 ? 0 : numbers[at];
    }
}
