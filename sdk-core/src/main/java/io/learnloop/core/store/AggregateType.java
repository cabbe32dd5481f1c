package io.learnloop.core.store;

import io.learnloop.core.error.ValidationException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Describes one kind of aggregate kept in a {@link Store}: its name, its record class, how to read its id, and the
 * secondary keys the store maintains for it. Lookup indexes may hold many aggregates per key; unique keys hold at
 * most one per tenant and back every idempotency key and natural key. A sorted index also orders the aggregates
 * under each key by a sort key (then id), so they can be read a bounded range at a time with
 * {@link UnitOfWork#findRange}: the way to read anything that grows with history.
 *
 * <p>Every store implementation keeps any aggregate type it is given, so a module adds persistence by declaring a
 * type here and a repository over it. The record class must round-trip through
 * {@link io.learnloop.core.json.LearnloopJson}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param <T> the aggregate's record type
 */
public final class AggregateType<T> {
    private final String name;
    private final Class<T> type;
    private final Function<T, String> idOf;
    private final Map<String, Function<T, Collection<String>>> indexes;
    private final Map<String, Function<T, Collection<String>>> uniqueKeys;
    private final Map<String, Function<T, String>> sortKeys;

    private AggregateType(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.idOf = b.idOf;
        this.indexes = Map.copyOf(b.indexes);
        this.uniqueKeys = Map.copyOf(b.uniqueKeys);
        this.sortKeys = Map.copyOf(b.sortKeys);
    }

    /**
     * Starts describing an aggregate type.
     *
     * @param name a stable lower-case name, used as a storage key (for example {@code "order"})
     * @param type the record class
     * @param idOf reads the aggregate's id
     * @param <T>  the record type
     * @return a builder
     */
    public static <T> Builder<T> builder(String name, Class<T> type, Function<T, String> idOf) {
        return new Builder<>(name, type, idOf);
    }

    /**
     * The stable name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The record class.
     *
     * @return the class
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Reads an aggregate's id.
     *
     * @param value the aggregate
     * @return its id
     */
    public String idOf(T value) {
        return idOf.apply(value);
    }

    /** The longest id every store keeps, in characters. */
    public static final int MAX_ID_LENGTH = 255;

    /**
     * Reads the id of an aggregate about to be written, refusing one no store can keep: empty, longer than
     * {@value #MAX_ID_LENGTH} characters, or holding a control character (a sorted index's position ends with the
     * id after a control character, so the id must hold none for a position to name exactly one aggregate).
     *
     * @param value the aggregate
     * @return its id
     * @throws ValidationException if the id cannot be stored
     */
    public String storableIdOf(T value) {
        String id = Objects.requireNonNull(idOf(value), "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw ValidationException.of(name + ".id", "must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of(name + ".id", "must not contain control characters");
        }
        return id;
    }

    /**
     * The id at the end of a position in a sorted index (see {@link #position}).
     *
     * @param position a position
     * @return the id it ends with
     */
    public static String idOfPosition(String position) {
        return position.substring(position.lastIndexOf(SortKeys.SEPARATOR) + 1);
    }

    /**
     * Names of the lookup indexes.
     *
     * @return index names
     */
    public java.util.Set<String> indexNames() {
        return indexes.keySet();
    }

    /**
     * Names of the unique keys.
     *
     * @return unique key names
     */
    public java.util.Set<String> uniqueKeyNames() {
        return uniqueKeys.keySet();
    }

    /**
     * The keys of one index for an aggregate.
     *
     * @param index the index name
     * @param value the aggregate
     * @return its keys under that index (possibly none)
     */
    public List<String> indexKeys(String index, T value) {
        return keys(indexes, index, value);
    }

    /**
     * The keys of one unique key for an aggregate.
     *
     * @param unique the unique key name
     * @param value  the aggregate
     * @return its keys (possibly none)
     */
    public List<String> uniqueKeys(String unique, T value) {
        return keys(uniqueKeys, unique, value);
    }

    /**
     * Whether {@code index} is a sorted index.
     *
     * @param index the index name
     * @return true if declared with a sort key
     */
    public boolean isSorted(String index) {
        return sortKeys.containsKey(index);
    }

    /**
     * Where an aggregate stands in a sorted index: its sort key, a separator ({@value SortKeys#SEPARATOR_CODE}
     * as a character) and its id, so positions are unique and order first by sort key, then by id. Range bounds and
     * cursors of {@link UnitOfWork#findRange} are positions, or bare sort keys (a sort key sorts before every position
     * that starts with it).
     *
     * @param index a sorted index
     * @param value the aggregate
     * @return its position
     */
    public String position(String index, T value) {
        Function<T, String> sort = sortKeys.get(index);
        if (sort == null) {
            throw ValidationException.of("index", "'" + index + "' is not a sorted index of " + name
                    + "; sorted: " + sortKeys.keySet());
        }
        String key = sort.apply(value);
        return (key == null ? "" : key) + SortKeys.SEPARATOR + idOf(value);
    }

    /**
     * Throws unless {@code index} is a declared sorted index.
     *
     * @param index the name
     */
    public void requireSortedIndex(String index) {
        if (!sortKeys.containsKey(index)) {
            throw ValidationException.of("index", "'" + index + "' is not a sorted index of " + name
                    + "; sorted: " + sortKeys.keySet());
        }
    }

    /**
     * Throws unless {@code index} is a declared lookup index.
     *
     * @param index the name
     */
    public void requireIndex(String index) {
        if (!indexes.containsKey(index)) {
            throw ValidationException.of("index", "'" + index + "' is not an index of " + name + "; declared: " + indexes.keySet());
        }
    }

    /**
     * Throws unless {@code unique} is a declared unique key.
     *
     * @param unique the name
     */
    public void requireUnique(String unique) {
        if (!uniqueKeys.containsKey(unique)) {
            throw ValidationException.of("unique", "'" + unique + "' is not a unique key of " + name + "; declared: " + uniqueKeys.keySet());
        }
    }

    private List<String> keys(Map<String, Function<T, Collection<String>>> map, String key, T value) {
        Function<T, Collection<String>> f = map.get(key);
        if (f == null) {
            throw ValidationException.of("index", "'" + key + "' is not declared on " + name);
        }
        return distinctKeys(f.apply(value));
    }

    /**
     * The non-null keys of a collection, each once, in their first order, as an unmodifiable list. Every write files
     * its aggregate under these, so the usual case (no key, or one) is answered without a stream or a set.
     */
    private static List<String> distinctKeys(Collection<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        if (keys.size() == 1) {
            String only = keys.iterator().next();
            return only == null ? List.of() : List.of(only);
        }
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(keys.size() * 2);
        for (String key : keys) {
            if (key != null) {
                seen.add(key);
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public String toString() {
        return "AggregateType[" + name + "]";
    }

    /**
     * Builds an {@link AggregateType}. Not thread-safe.
     *
     * @param <T> the record type
     */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final Function<T, String> idOf;
        private final Map<String, Function<T, Collection<String>>> indexes = new LinkedHashMap<>();
        private final Map<String, Function<T, Collection<String>>> uniqueKeys = new LinkedHashMap<>();
        private final Map<String, Function<T, String>> sortKeys = new LinkedHashMap<>();

        private Builder(String name, Class<T> type, Function<T, String> idOf) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
            this.idOf = Objects.requireNonNull(idOf, "idOf");
        }

        /**
         * Declares a lookup index with one key per aggregate.
         *
         * @param index the index name
         * @param key   reads the key (null means not indexed)
         * @return this builder
         */
        public Builder<T> index(String index, Function<T, String> key) {
            indexes.put(index, v -> {
                String k = key.apply(v);
                return k == null ? List.of() : List.of(k);
            });
            return this;
        }

        /**
         * Declares a lookup index with any number of keys per aggregate.
         *
         * @param index the index name
         * @param keys  reads the keys
         * @return this builder
         */
        public Builder<T> multiIndex(String index, Function<T, Collection<String>> keys) {
            indexes.put(index, keys);
            return this;
        }

        /**
         * Declares a sorted lookup index with one key per aggregate: under each key, aggregates are ordered by
         * {@code sortKey} (then id), and can be read a range at a time. Sort keys compare as strings, character by
         * character, so make them fixed-width where they encode numbers or instants ({@link SortKeys}).
         *
         * @param index   the index name
         * @param key     reads the key (null means not indexed)
         * @param sortKey reads the sort key (null sorts as the empty string)
         * @return this builder
         */
        public Builder<T> sortedIndex(String index, Function<T, String> key, Function<T, String> sortKey) {
            index(index, key);
            sortKeys.put(index, Objects.requireNonNull(sortKey, "sortKey"));
            return this;
        }

        /**
         * Declares a sorted lookup index with any number of keys per aggregate; see
         * {@link #sortedIndex(String, Function, Function)}.
         *
         * @param index   the index name
         * @param keys    reads the keys
         * @param sortKey reads the sort key, the same under every key
         * @return this builder
         */
        public Builder<T> sortedMultiIndex(String index, Function<T, Collection<String>> keys,
                                           Function<T, String> sortKey) {
            multiIndex(index, keys);
            sortKeys.put(index, Objects.requireNonNull(sortKey, "sortKey"));
            return this;
        }

        /**
         * Declares a unique key: no two aggregates of this type in one tenant share a key.
         *
         * @param unique the unique key's name
         * @param key    reads the key (null means none)
         * @return this builder
         */
        public Builder<T> unique(String unique, Function<T, String> key) {
            uniqueKeys.put(unique, v -> {
                String k = key.apply(v);
                return k == null ? List.of() : List.of(k);
            });
            return this;
        }

        /**
         * Finishes the description.
         *
         * @return the aggregate type
         */
        public AggregateType<T> build() {
            return new AggregateType<>(this);
        }
    }
}
