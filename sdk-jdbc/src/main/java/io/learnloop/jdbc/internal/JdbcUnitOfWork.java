package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.PendingCounters;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A unit of work on one JDBC connection and transaction. Each write runs inside a savepoint when it may fail half-way
 * (a taken unique key after the row went in), so a conflict the work catches leaves nothing of the failed write and
 * the transaction stays usable on PostgreSQL too.
 *
 * <p>Not thread-safe: used by the one thread running the work function.
 */
final class JdbcUnitOfWork implements UnitOfWork {
    private static final int MAX_ID = 255;
    private static final int MAX_KEY = 512;
    private static final int MAX_NAME = 64;

    private final Connection connection;
    private final Sql sql;
    private final TenantId tenant;
    private final Instant now;
    private final boolean readOnly;
    /** The first failure that left the database transaction unusable; commit refuses while it is set. */
    private LearnloopException broken;
    /** How many savepoints enclose the running statement; inside one, a failure is undone, not fatal. */
    private int savepoints;
    /** Counter additions, written by {@link #flush()}; null until the first. */
    private PendingCounters counters;

    JdbcUnitOfWork(Connection connection, Sql sql, TenantId tenant, Instant now, boolean readOnly) {
        this.connection = connection;
        this.sql = sql;
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.now = now;
        this.readOnly = readOnly;
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    /**
     * The failure that aborted the transaction, if one did.
     *
     * @return the failure or null
     */
    LearnloopException broken() {
        return broken;
    }

    @Override
    public <T> Optional<Versioned<T>> find(AggregateType<T> type, String id) {
        Objects.requireNonNull(id, "id");
        return run("reading " + type.name() + " '" + id + "'", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT version, body FROM learnloop_aggregate WHERE tenant = ? AND type = ? AND id = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, id);
                List<Versioned<T>> rows = rows(ps, type);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    @Override
    public <T> List<Versioned<T>> findBy(AggregateType<T> type, String index, String key) {
        type.requireIndex(index);
        Objects.requireNonNull(key, "key");
        return run("reading " + type.name() + " by " + index, () -> {
            // Two steps, each on a primary key, so no planner estimate can turn this into a scan of the type.
            List<String> ids = new ArrayList<>();
            boolean sorted = type.isSorted(index);
            try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM learnloop_index_entry "
                    + "WHERE tenant = ? AND type = ? AND index_name = ? AND index_key = ?"
                    + (sorted ? " ORDER BY sort_key" : ""))) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, index);
                ps.setString(4, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return byIds(type, ids, !sorted);
        });
    }

    @Override
    public <T> List<Versioned<T>> findRange(AggregateType<T> type, String index, String key, IndexRange range) {
        type.requireSortedIndex(index);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        return run("reading a range of " + type.name() + " by " + index, () -> {
            // Two steps, as for findBy: the ids of the range from the sorted index alone (a bounded walk, whatever
            // the key holds), then their rows by primary key. Reading the rows in the same statement lets a planner
            // join every entry of the key before it sorts and cuts.
            StringBuilder q = new StringBuilder("SELECT id FROM learnloop_index_entry")
                    .append(sql.sortedIndexHint())
                    .append(" WHERE tenant = ? AND type = ? AND index_name = ? AND index_key = ? AND sort_key IS NOT NULL");
            if (range.after() != null) {
                q.append(" AND sort_key > ?");
            }
            if (range.before() != null) {
                q.append(" AND sort_key < ?");
            }
            q.append(" ORDER BY index_name").append(range.descending() ? " DESC" : "")
                    .append(", index_key").append(range.descending() ? " DESC" : "")
                    .append(", sort_key").append(range.descending() ? " DESC" : "")
                    .append(sql.limit(String.valueOf(range.limit())));
            List<String> ids = new ArrayList<>(range.limit());
            try (PreparedStatement ps = connection.prepareStatement(q.toString())) {
                int i = 1;
                ps.setString(i++, tenant.value());
                ps.setString(i++, type.name());
                ps.setString(i++, index);
                ps.setString(i++, key);
                if (range.after() != null) {
                    ps.setString(i++, range.after());
                }
                if (range.before() != null) {
                    ps.setString(i, range.before());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return byIds(type, ids, false);
        });
    }

    @Override
    public <T> Optional<Versioned<T>> findUnique(AggregateType<T> type, String unique, String key) {
        type.requireUnique(unique);
        Objects.requireNonNull(key, "key");
        return run("reading " + type.name() + " by " + unique, () -> {
            List<String> ids = new ArrayList<>(1);
            try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM learnloop_unique_key "
                    + "WHERE tenant = ? AND type = ? AND key_name = ? AND key_value = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, unique);
                ps.setString(4, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<Versioned<T>> rows = byIds(type, ids, true);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        });
    }

    @Override
    public <T> List<Versioned<T>> list(AggregateType<T> type, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw ValidationException.of(offset < 0 ? "offset" : "limit", "must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return run("listing " + type.name(), () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT version, body FROM learnloop_aggregate "
                    + "WHERE tenant = ? AND type = ? ORDER BY seq" + sql.offsetLimit())) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setInt(3, offset);
                ps.setInt(4, limit);
                return rows(ps, type);
            }
        });
    }

    @Override
    public <T> long count(AggregateType<T> type) {
        return run("counting " + type.name(), () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT COUNT(*) FROM learnloop_aggregate WHERE tenant = ? AND type = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public <T> Versioned<T> insert(AggregateType<T> type, T value) {
        writable();
        Objects.requireNonNull(value, "value");
        String id = checkedId(type, value);
        List<Key> uniques = keys(type, value, true);
        List<Key> indexes = keys(type, value, false);
        String body = LearnloopJson.toJson(value);
        inSavepoint("inserting " + type.name() + " '" + id + "'", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.insertAggregate)) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, id);
                ps.setString(4, body);
                ps.setObject(5, sql.timestamp(now));
                ps.setObject(6, sql.timestamp(now));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw duplicate(type, "id", id);
                }
                throw e;
            }
            insertUniqueKeys(type, id, uniques);
            insertIndexEntries(type, id, indexes);
            return null;
        });
        return new Versioned<>(value, 1);
    }

    @Override
    public <T> Versioned<T> update(AggregateType<T> type, T value, long expectedVersion) {
        writable();
        Objects.requireNonNull(value, "value");
        String id = checkedId(type, value);
        List<Key> uniques = keys(type, value, true);
        List<Key> indexes = keys(type, value, false);
        String body = LearnloopJson.toJson(value);
        String doing = "updating " + type.name() + " '" + id + "'";
        Supplier<Void> write = () -> run(doing, () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.updateAggregate)) {
                ps.setLong(1, expectedVersion + 1);
                ps.setString(2, body);
                ps.setObject(3, sql.timestamp(now));
                ps.setString(4, tenant.value());
                ps.setString(5, type.name());
                ps.setString(6, id);
                ps.setLong(7, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    throw missingOrStale(type, id, expectedVersion);
                }
            }
            if (!type.uniqueKeyNames().isEmpty()) {
                replaceKeys(type, id, "learnloop_unique_key", "key_name", "key_value", uniques, true);
            }
            if (!type.indexNames().isEmpty()) {
                replaceKeys(type, id, "learnloop_index_entry", "index_name", "index_key", indexes, false);
            }
            return null;
        });
        if (type.uniqueKeyNames().isEmpty()) {
            // Nothing can fail after the compare-and-set row update, so no savepoint is needed.
            write.get();
        } else {
            inSavepoint(doing, () -> {
                write.get();
                return null;
            });
        }
        return new Versioned<>(value, expectedVersion + 1);
    }

    @Override
    public <T> void delete(AggregateType<T> type, String id, long expectedVersion) {
        writable();
        Objects.requireNonNull(id, "id");
        run("deleting " + type.name() + " '" + id + "'", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM learnloop_aggregate WHERE tenant = ? AND type = ? AND id = ? AND version = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, id);
                ps.setLong(4, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    throw missingOrStale(type, id, expectedVersion);
                }
            }
            for (String table : List.of("learnloop_index_entry", "learnloop_unique_key")) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE tenant = ? AND type = ? AND id = ?")) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, type.name());
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void publish(DomainEvent event) {
        writable();
        Objects.requireNonNull(event, "event");
        if (!event.tenant().equals(tenant)) {
            throw ValidationException.of("event.tenant", "must be the unit of work's tenant " + tenant);
        }
        String body = LearnloopJson.toJson(event);
        run("publishing event '" + event.id() + "'", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql.insertEvent)) {
                ps.setString(1, tenant.value());
                ps.setString(2, event.id());
                ps.setString(3, event.type());
                ps.setString(4, event.aggregateId());
                ps.setObject(5, sql.timestamp(event.occurredAt()));
                ps.setString(6, body);
                ps.executeUpdate();
            } catch (SQLException e) {
                // H2 and MySQL have no ON CONFLICT; a failed statement there leaves the transaction usable.
                if (!(SqlErrors.isUniqueViolation(e) && !sql.postgres())) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public void add(CounterKey key, long delta) {
        writable();
        if (counters == null) {
            counters = new PendingCounters();
        }
        counters.add(key, delta);
    }

    @Override
    public List<Counter> counters(String family, String group, String after, int limit) {
        PendingCounters.checkRead(family, group, after, limit);
        List<Counter> committed = run("reading counters " + family + " of '" + group + "'",
                () -> JdbcCounters.read(connection, sql, tenant, family, group, after, limit));
        return counters == null ? committed : counters.overlay(family, group, after, limit, committed);
    }

    /**
     * Writes what this unit of work keeps until commit (counter additions), as the last statements before it.
     */
    void flush() {
        if (counters != null && broken == null) {
            run("adding to counters", () -> {
                JdbcCounters.flush(connection, sql, tenant, counters);
                return null;
            });
        }
    }

    // ---- keys ----

    /** One secondary key of an aggregate: the index or unique key's name, the key, and its position if sorted. */
    private record Key(String name, String value, String sort) {
    }

    private <T> List<Key> keys(AggregateType<T> type, T value, boolean unique) {
        List<Key> keys = new ArrayList<>();
        for (String name : unique ? type.uniqueKeyNames() : type.indexNames()) {
            for (String key : unique ? type.uniqueKeys(name, value) : type.indexKeys(name, value)) {
                if (key.length() > MAX_KEY || name.length() > MAX_NAME) {
                    throw ValidationException.of(name, "keys are stored up to " + MAX_KEY
                            + " characters (names up to " + MAX_NAME + "); this one has " + key.length());
                }
                String position = !unique && type.isSorted(name) ? type.position(name, value) : null;
                if (position != null && !sql.fitsSortColumn(position)) {
                    throw ValidationException.of(name, "positions in a sorted index (sort key, separator and id) are "
                            + "stored up to " + sql.sortColumnLimit() + "; this one has " + position.length()
                            + " characters: shorten the sort key");
                }
                keys.add(new Key(name, key, position));
            }
        }
        return keys;
    }

    private <T> void insertUniqueKeys(AggregateType<T> type, String id, List<Key> keys) throws SQLException {
        for (Key key : keys) {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO learnloop_unique_key "
                    + "(tenant, type, key_name, key_value, id) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, key.name());
                ps.setString(4, key.value());
                ps.setString(5, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw duplicate(type, key.name(), key.value());
                }
                throw e;
            }
        }
    }

    private <T> void insertIndexEntries(AggregateType<T> type, String id, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO learnloop_index_entry "
                + "(tenant, type, index_name, index_key, id, sort_key) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Key key : keys) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, key.name());
                ps.setString(4, key.value());
                ps.setString(5, id);
                ps.setString(6, key.sort());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Brings an aggregate's stored keys in one table to {@code wanted}, touching only the keys that changed. */
    private <T> void replaceKeys(AggregateType<T> type, String id, String table, String nameColumn, String keyColumn,
                                 List<Key> wanted, boolean unique) throws SQLException {
        Set<Key> stored = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + nameColumn + ", " + keyColumn
                + (unique ? ", NULL" : ", sort_key") + " FROM " + table + " WHERE tenant = ? AND type = ? AND id = ?")) {
            ps.setString(1, tenant.value());
            ps.setString(2, type.name());
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        Set<Key> removed = new LinkedHashSet<>(stored);
        wanted.forEach(removed::remove);
        List<Key> added = wanted.stream().filter(k -> !stored.contains(k)).toList();
        if (!removed.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? "
                    + "AND type = ? AND " + nameColumn + " = ? AND " + keyColumn + " = ? AND id = ?")) {
                for (Key key : removed) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, type.name());
                    ps.setString(3, key.name());
                    ps.setString(4, key.value());
                    ps.setString(5, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (unique) {
            insertUniqueKeys(type, id, added);
        } else {
            insertIndexEntries(type, id, added);
        }
    }

    // ---- plumbing ----

    /** SQL work that may throw {@link SQLException}. */
    @FunctionalInterface
    private interface SqlWork<R> {
        R run() throws SQLException;
    }

    /** Runs SQL work, mapping driver failures; a failure that aborted the transaction marks it broken. */
    private <R> R run(String doing, SqlWork<R> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw failed(e, doing, savepoints > 0);
        }
    }

    private LearnloopException failed(SQLException e, String doing, boolean insideSavepoint) {
        LearnloopException mapped = SqlErrors.map(e, doing);
        if (broken == null && sql.abortsTransaction(e, insideSavepoint)) {
            broken = mapped;
        }
        return mapped;
    }

    /** Runs a write in a savepoint: on any failure the write is undone and the transaction stays usable. */
    private void inSavepoint(String doing, SqlWork<Void> work) {
        Savepoint savepoint = run(doing, connection::setSavepoint);
        savepoints++;
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException se ? failed(se, doing, true) : (RuntimeException) e;
            savepoints--;
            rollbackTo(savepoint, doing);
            throw failure;
        }
        savepoints--;
        if (sql.postgres()) {
            // H2 drops savepoints at commit anyway; releasing them is a round trip saved there.
            run(doing, () -> {
                connection.releaseSavepoint(savepoint);
                return null;
            });
        }
    }

    private void rollbackTo(Savepoint savepoint, String doing) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            LearnloopException mapped = SqlErrors.map(e, doing);
            if (broken == null) {
                broken = mapped;
            }
        }
    }

    /**
     * Reads aggregates by id, in insertion order. Every lookup names the whole primary key, so no planner can choose
     * to walk the type's insertion-order index instead. Over a network the ids go in IN lists (one round trip per
     * chunk); H2 runs in-process, where one lookup per id costs no round trip.
     */
    private <T> List<Versioned<T>> byIds(AggregateType<T> type, List<String> ids, boolean insertionOrder)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<SeqRow<T>> found = new ArrayList<>(ids.size());
        int chunk = sql.idsPerLookup;
        for (int from = 0; from < ids.size(); from += chunk) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + chunk));
            String condition = part.size() == 1 ? "id = ?"
                    : "id IN (" + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")";
            try (PreparedStatement ps = connection.prepareStatement("SELECT seq, version, body, id FROM learnloop_aggregate "
                    + "WHERE tenant = ? AND type = ? AND " + condition)) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(3 + i, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new SeqRow<>(rs.getLong(1), rs.getString(4), new Versioned<>(
                                LearnloopJson.fromJson(rs.getString(3), type.type()), rs.getLong(2))));
                    }
                }
            }
        }
        if (insertionOrder) {
            found.sort(java.util.Comparator.comparingLong(SeqRow::seq));
        } else {
            java.util.Map<String, Integer> rank = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                rank.putIfAbsent(ids.get(i), i);
            }
            found.sort(java.util.Comparator.comparingInt(r -> rank.get(r.id())));
        }
        return found.stream().map(SeqRow::value).toList();
    }

    /** An aggregate with its insertion sequence, for ordering. */
    private record SeqRow<T>(long seq, String id, Versioned<T> value) {
    }

    private <T> List<Versioned<T>> rows(PreparedStatement ps, AggregateType<T> type) throws SQLException {
        List<Versioned<T>> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new Versioned<>(LearnloopJson.fromJson(rs.getString(2), type.type()), rs.getLong(1)));
            }
        }
        return result;
    }

    private <T> LearnloopException missingOrStale(AggregateType<T> type, String id, long expected) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT version FROM learnloop_aggregate WHERE tenant = ? AND type = ? AND id = ?")) {
            ps.setString(1, tenant.value());
            ps.setString(2, type.name());
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new NotFoundException(type.name(), id);
                }
                return new ConflictException(ErrorCode.VERSION_CONFLICT, "The " + type.name() + " '" + id
                        + "' is at version " + rs.getLong(1) + ", not " + expected
                        + ": it changed since it was read. Reload it and try again.");
            }
        }
    }

    private <T> String checkedId(AggregateType<T> type, T value) {
        String id = Objects.requireNonNull(type.idOf(value), "id");
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw ValidationException.of(type.name() + ".id", "must be 1 to " + MAX_ID + " characters");
        }
        return id;
    }

    private void writable() {
        if (readOnly) {
            throw new IllegalStateException("This unit of work was opened with Store.read and cannot write; use Store.transact.");
        }
    }

    private static ConflictException duplicate(AggregateType<?> type, String what, String key) {
        return new ConflictException(ErrorCode.DUPLICATE_KEY,
                "A " + type.name() + " with " + what + " '" + key + "' already exists.");
    }
}
