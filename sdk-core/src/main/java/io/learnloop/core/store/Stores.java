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

    /**
     * Rebuilds the index entries of every aggregate of a type in a tenant, {@value #REINDEX_BATCH} at a time, each
     * batch in its own transaction ({@link Store#reindex}): the one-line migration after a type gained an index, for
     * example {@code Stores.reindex(store, tenant, type)} once at startup. Safe to repeat and to run while the
     * application serves requests; its cost grows with the type's size.
     *
     * @param store  the store
     * @param tenant the tenant
     * @param type   the aggregate type, as it is declared now
     * @return how many batches were rebuilt
     * @throws io.learnloop.core.error.ValidationException if an argument is null
     */
    public static int reindex(Store store, io.learnloop.core.identity.TenantId tenant, AggregateType<?> type) {
        new io.learnloop.core.error.Validator().notNull("store", store).notNull("tenant", tenant)
                .notNull("type", type).throwIfInvalid();
        int batches = 0;
        for (String last = store.reindex(tenant, type, null, REINDEX_BATCH); last != null;
             last = store.reindex(tenant, type, last, REINDEX_BATCH)) {
            batches++;
        }
        return batches;
    }

    /** The aggregates {@link #reindex} rebuilds per transaction. */
    public static final int REINDEX_BATCH = 500;
}
