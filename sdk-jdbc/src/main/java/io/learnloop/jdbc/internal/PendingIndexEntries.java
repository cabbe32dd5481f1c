package io.learnloop.jdbc.internal;

import io.learnloop.core.identity.TenantId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index entries a unit of work added and removed, held back and written as two batches (removals, then
 * additions) when the unit of work next reads an index or commits: one round trip for every aggregate of a commit
 * rather than one per written aggregate. An entry names one aggregate, whose row the write has already changed under
 * compare-and-set, so holding its entries back decides nothing: only index reads could see the difference, and they
 * write the held entries first.
 *
 * <p>An addition and a removal of the same entry cancel: removing an entry that is only held back means it was never
 * written; adding back one whose removal is held back means the stored entry stays.
 *
 * <p>Not thread-safe: owned by one unit of work.
 */
final class PendingIndexEntries {
    private static final String INSERT = "INSERT INTO learnloop_index_entry "
            + "(tenant, type, index_name, index_key, position_key) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM learnloop_index_entry WHERE tenant = ? AND type = ? "
            + "AND index_name = ? AND index_key = ? AND position_key = ?";

    /** One index entry row, after tenant. */
    private record Entry(String type, String index, String key, String position) {
    }

    /** Each held entry, true when it is to be added, false when removed; in the order the work wrote them. */
    private final Map<Entry, Boolean> held = new LinkedHashMap<>();

    /** Holds back the entries of an aggregate's index keys that are to be added. */
    void add(String type, String id, List<AggregateKeys.Key> keys) {
        hold(type, id, keys, true);
    }

    /** Holds back the entries of an aggregate's index keys that are to be removed. */
    void remove(String type, String id, List<AggregateKeys.Key> keys) {
        hold(type, id, keys, false);
    }

    /** An addition cancels a held removal of the same entry and the other way round, so only net changes are sent. */
    private void hold(String type, String id, List<AggregateKeys.Key> keys, boolean add) {
        for (AggregateKeys.Key key : keys) {
            Entry e = entry(type, id, key);
            if (Boolean.valueOf(!add).equals(held.get(e))) {
                held.remove(e);
            } else {
                held.put(e, add);
            }
        }
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /**
     * Writes the held entries, removals first, and forgets them.
     *
     * @throws SQLException if the database fails
     */
    void write(Connection connection, TenantId tenant) throws SQLException {
        if (held.isEmpty()) {
            return;
        }
        List<Entry> removed = new ArrayList<>();
        List<Entry> added = new ArrayList<>();
        held.forEach((e, add) -> (add ? added : removed).add(e));
        held.clear();
        batch(connection, DELETE, tenant, removed);
        batch(connection, INSERT, tenant, added);
    }

    private static void batch(Connection connection, String statement, TenantId tenant, List<Entry> entries)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            for (Entry e : entries) {
                ps.setString(1, tenant.value());
                ps.setString(2, e.type());
                ps.setString(3, e.index());
                ps.setString(4, e.key());
                ps.setString(5, e.position());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Entry entry(String type, String id, AggregateKeys.Key key) {
        return new Entry(type, key.name(), key.value(), key.sort() != null ? key.sort() : id);
    }
}
