package io.learnloop.core.store;

import io.learnloop.core.internal.store.MemoryStore;

/**
 * Factory for the stores that ship with {@code sdk-core}. The JDBC stores live in {@code sdk-jdbc}.
 *
 * <p>Thread-safe: stateless.
 */
public final class Stores {
    private Stores() {
    }

    /**
     * A new, empty, thread-safe in-memory store. Its data lives as long as the object; use it for tests, demos and
     * hosts that keep state elsewhere.
     *
     * @return the store
     */
    public static Store inMemory() {
        return new MemoryStore();
    }
}
