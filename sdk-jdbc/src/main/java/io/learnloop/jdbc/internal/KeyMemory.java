package io.learnloop.jdbc.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one unit of work knows of the aggregates it read or wrote: their stored keys, so an update can diff its keys
 * without reading them back, and the documents it wrote, so a read of one of those by id needs no round trip. A
 * version names one state of an aggregate, and the compare-and-set of an update on that version guarantees the stored
 * keys are those of that state. An aggregate this unit of work wrote is locked by it until commit, so what it wrote is
 * what is stored; one it only read may have been changed by another transaction since, which a read must see (READ
 * COMMITTED), so those are read again.
 *
 * <p>Bounded: it keeps the most recently used {@link #CAPACITY} aggregates, so a unit of work that reads a large
 * range keeps no more. A read is remembered by its stored body, whose keys are computed only if an update needs them;
 * a write by the body it wrote and the keys it computed anyway.
 *
 * <p>Not thread-safe: owned by one unit of work.
 */
final class KeyMemory {
    /** Aggregates remembered at most; a work updates few of those it reads, and mostly soon after reading them. */
    static final int CAPACITY = 256;

    /**
     * One remembered aggregate state.
     *
     * @param version the version
     * @param body    the stored JSON document
     * @param keys    the stored keys, or null until computed
     * @param written whether this unit of work wrote this state (and so holds the row's lock)
     */
    record Remembered(long version, String body, AggregateKeys keys, boolean written) {
    }

    private record Ref(String type, String id) {
    }

    private final Map<Ref, Remembered> entries = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ref, Remembered> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers an aggregate as read; keys already known for the same version are kept. */
    void read(String type, String id, long version, String body) {
        Ref ref = new Ref(type, id);
        Remembered known = entries.get(ref);
        if (known == null || known.version() != version || known.keys() == null) {
            entries.put(ref, new Remembered(version, body, null, false));
        }
    }

    /** Remembers the document and keys an aggregate was written with. */
    void wrote(String type, String id, long version, String body, AggregateKeys keys) {
        entries.put(new Ref(type, id), new Remembered(version, body, keys, true));
    }

    /**
     * The state of an aggregate as this unit of work last wrote it.
     *
     * @return the state, or null if this unit of work did not write it (or wrote it so long ago it was let go)
     */
    Remembered written(String type, String id) {
        Remembered r = entries.get(new Ref(type, id));
        return r != null && r.written() ? r : null;
    }

    void forget(String type, String id) {
        entries.remove(new Ref(type, id));
    }

    /**
     * The remembered state of an aggregate at a version.
     *
     * @return the state, or null if this version is not remembered
     */
    Remembered at(String type, String id, long version) {
        Remembered r = entries.get(new Ref(type, id));
        return r != null && r.version() == version ? r : null;
    }

    int size() {
        return entries.size();
    }
}
