package io.learnloop.core.internal.store;

import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.Store;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything an in-memory store holds, as text: every aggregate (id, index keys, positions, JSON body), every
 * unique key, outbox event and counter, of every tenant. What a scan for personal data reads.
 */
public final class MemoryStoreContents {
    private MemoryStoreContents() {
    }

    /**
     * The store's contents, a line per item.
     *
     * @param store an in-memory store
     * @return the lines
     */
    public static List<String> of(Store store) {
        MemoryStore memory = (MemoryStore) store;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<?, MemoryStore.TenantData> tenant : tenants(memory).entrySet()) {
            MemoryStore.TenantData data = tenant.getValue();
            lines.add("tenant " + tenant.getKey());
            data.types.forEach((name, type) -> {
                type.rows.forEach((id, row) -> lines.add(name + " " + id + " " + row.indexKeys() + " "
                        + row.positions() + " " + LearnloopJson.toCompactJson(row.value())));
                type.index.forEach((index, keys) -> keys.forEach((key, postings) ->
                        lines.add(name + " index " + index + " " + key + " " + postings.rows().keySet())));
                type.unique.forEach((key, id) -> lines.add(name + " unique " + key + " " + id));
            });
            synchronized (commitLock(memory)) {
                data.outbox.forEach(r -> lines.add("outbox " + LearnloopJson.toCompactJson(r.event)));
                lines.add("outbox ids " + data.outboxIds);
            }
            data.counters.forEach((group, members) -> lines.add("counter " + group + " " + members));
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, MemoryStore.TenantData> tenants(MemoryStore store) {
        return (Map<Object, MemoryStore.TenantData>) field(store, "tenants");
    }

    private static Object commitLock(MemoryStore store) {
        return field(store, "commitLock");
    }

    private static Object field(MemoryStore store, String name) {
        try {
            Field f = MemoryStore.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
