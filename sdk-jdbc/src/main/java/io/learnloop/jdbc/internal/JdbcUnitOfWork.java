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
import io.learnloop.jdbc.internal.AggregateKeys.Key;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of work on one JDBC connection and transaction. A write that finds a taken key deletes what it had already
 * inserted before it reports the duplicate, so a conflict the work catches leaves nothing of the failed write; no
 * statement fails on PostgreSQL for it (ON CONFLICT DO NOTHING), and elsewhere a failed statement undoes only itself,
 * so the transaction stays usable without a savepoint per write. Any other failure of a write marks the unit of work
 * broken: it can no longer commit. Index entries are held back and written in two batches before the next index read
 * or at the end, and published events at the end in one batch ({@link #flush()}), so a commit costs one round trip per
 * table for them rather than one per aggregate.
 *
 * <p>Not thread-safe: used by the one thread running the work function.
 */
final class JdbcUnitOfWork implements UnitOfWork {
    private static final int MAX_KEY = 512;
    private static final int MAX_NAME = 64;

    private final Connection connection;
    private final Sql sql;
    private final TenantId tenant;
    private final Instant now;
    private final boolean readOnly;
    /** The first failure that left the database transaction unusable; commit refuses while it is set. */
    private LearnloopException broken;
    /** The stored keys of aggregates this unit of work read or wrote, so updates need not read them back. */
    private final KeyMemory keyMemory = new KeyMemory();
    /** Events published, written at the end. */
    private final OutboxQueue outbox = new OutboxQueue();
    /** Index entries added and removed, written before the next index read or at {@link #flush()}. */
    private final PendingIndexEntries indexEntries = new PendingIndexEntries();
    /** Counter additions, written by {@link #flush()}. */
    private final PendingCounters counters = new PendingCounters();

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
        KeyMemory.Remembered known = readOnly ? null : keyMemory.written(type.name(), id);
        if (known != null) {
            // written by this unit of work, which holds its row lock: what it wrote is what is stored (a fresh value,
            // as the work may not share it)
            return Optional.of(new Versioned<>(LearnloopJson.fromJson(known.body(), type.type()), known.version()));
        }
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
            writeHeldIndexEntries();
            if (!type.isSorted(index)) {
                return indexed(type, index, key, joined(type, index, key));
            }
            // A sorted index's entry names its aggregate only at the end of its position: two steps, each on a
            // primary key, so no planner estimate can turn this into a scan of the type.
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT position_key FROM learnloop_index_entry "
                    + "WHERE tenant = ? AND type = ? AND index_name = ? AND index_key = ? ORDER BY position_key")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, index);
                ps.setString(4, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(AggregateType.idOfPosition(rs.getString(1)));
                    }
                }
            }
            return indexed(type, index, key, byIds(type, ids, false));
        });
    }

    @Override
    public <T> List<Versioned<T>> findRange(AggregateType<T> type, String index, String key, IndexRange range) {
        type.requireSortedIndex(index);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        return run("reading a range of " + type.name() + " by " + index, () -> {
            writeHeldIndexEntries();
            // Two steps, as for findBy: the ids of the range from the sorted index alone (a bounded walk, whatever
            // the key holds), then their rows by primary key. Reading the rows in the same statement lets a planner
            // join every entry of the key before it sorts and cuts.
            StringBuilder q = new StringBuilder("SELECT position_key FROM learnloop_index_entry")
                    .append(" WHERE tenant = ? AND type = ? AND index_name = ? AND index_key = ?");
            if (range.after() != null) {
                q.append(" AND position_key > ?");
            }
            if (range.before() != null) {
                q.append(" AND position_key < ?");
            }
            // Every column of the primary key, equal or not: H2 reads an index in order only for an ORDER BY that
            // names its columns from the first (otherwise it reads the whole key and sorts it).
            String direction = range.descending() ? " DESC" : "";
            q.append(" ORDER BY tenant").append(direction).append(", type").append(direction)
                    .append(", index_name").append(direction).append(", index_key").append(direction)
                    .append(", position_key").append(direction)
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
                        ids.add(AggregateType.idOfPosition(rs.getString(1)));
                    }
                }
            }
            return indexed(type, index, key, byIds(type, ids, false));
        });
    }

    @Override
    public <T> Optional<Versioned<T>> findUnique(AggregateType<T> type, String unique, String key) {
        type.requireUnique(unique);
        Objects.requireNonNull(key, "key");
        return run("reading " + type.name() + " by " + unique, () -> {
            // One statement: the key's row names the aggregate's whole primary key, which the join probes.
            List<SeqRow<T>> rows = new ArrayList<>(1);
            try (PreparedStatement ps = connection.prepareStatement("SELECT a.seq, a.version, a.body, a.id "
                    + "FROM learnloop_unique_key u JOIN learnloop_aggregate a "
                    + "ON a.tenant = u.tenant AND a.type = u.type AND a.id = u.id "
                    + "WHERE u.tenant = ? AND u.type = ? AND u.key_name = ? AND u.key_value = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, unique);
                ps.setString(4, key);
                collect(ps, type, rows);
            }
            return rows.stream().map(SeqRow::value)
                    .filter(r -> type.uniqueKeys(unique, r.value()).contains(key)).findFirst();
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
        String id = type.storableIdOf(value);
        AggregateKeys keys = keys(type, value);
        String body = LearnloopJson.toCompactJson(value);
        write("inserting " + type.name() + " '" + id + "'", () -> {
            if (sql.postgres() && !keys.uniques().isEmpty()) {
                insertWithUniqueKeys(type, id, body, keys.uniques());
                indexEntries.add(type.name(), id, keys.indexes());
                return;
            }
            // Unique keys first: the key most likely taken is found before anything else went in, and a taken id
            // leaves only these few rows to take back.
            List<Key> claimed = claimUniqueKeys(type, id, keys.uniques());
            try (PreparedStatement ps = connection.prepareStatement(sql.insertAggregate)) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, id);
                ps.setString(4, body);
                ps.setObject(5, sql.timestamp(now));
                ps.setObject(6, sql.timestamp(now));
                if (!insertedOne(ps)) {
                    deleteKeys(type, id, UNIQUE_KEYS, claimed);
                    throw duplicate(type, "id", id);
                }
            }
            indexEntries.add(type.name(), id, keys.indexes());
        });
        keyMemory.wrote(type.name(), id, 1, body, keys);
        return new Versioned<>(value, 1);
    }

    @Override
    public <T> Versioned<T> update(AggregateType<T> type, T value, long expectedVersion) {
        writable();
        Objects.requireNonNull(value, "value");
        String id = type.storableIdOf(value);
        AggregateKeys wanted = keys(type, value);
        String body = LearnloopJson.toCompactJson(value);
        write("updating " + type.name() + " '" + id + "'", () -> {
            AggregateKeys stored = storedKeys(type, id, expectedVersion);
            // New unique keys before the row: a taken one then leaves only the keys claimed before it to take back,
            // and a stale version only the claimed keys.
            List<Key> claimed = claimUniqueKeys(type, id, AggregateKeys.minus(wanted.uniques(), stored.uniques()));
            try (PreparedStatement ps = connection.prepareStatement(sql.updateAggregate)) {
                ps.setLong(1, expectedVersion + 1);
                ps.setString(2, body);
                ps.setObject(3, sql.timestamp(now));
                ps.setString(4, tenant.value());
                ps.setString(5, type.name());
                ps.setString(6, id);
                ps.setLong(7, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    deleteKeys(type, id, UNIQUE_KEYS, claimed);
                    keyMemory.forget(type.name(), id); // a read after this conflict must see the stored state
                    throw missingOrStale(type, id, expectedVersion);
                }
            }
            deleteKeys(type, id, UNIQUE_KEYS, AggregateKeys.minus(stored.uniques(), wanted.uniques()));
            indexEntries.remove(type.name(), id, AggregateKeys.minus(stored.indexes(), wanted.indexes()));
            indexEntries.add(type.name(), id, AggregateKeys.minus(wanted.indexes(), stored.indexes()));
        });
        keyMemory.wrote(type.name(), id, expectedVersion + 1, body, wanted);
        return new Versioned<>(value, expectedVersion + 1);
    }

    @Override
    public <T> void delete(AggregateType<T> type, String id, long expectedVersion) {
        writable();
        Objects.requireNonNull(id, "id");
        write("deleting " + type.name() + " '" + id + "'", () -> {
            AggregateKeys stored = storedKeys(type, id, expectedVersion);
            try (PreparedStatement ps = connection.prepareStatement(
                    "DELETE FROM learnloop_aggregate WHERE tenant = ? AND type = ? AND id = ? AND version = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, id);
                ps.setLong(4, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    keyMemory.forget(type.name(), id);
                    throw missingOrStale(type, id, expectedVersion);
                }
            }
            deleteKeys(type, id, UNIQUE_KEYS, stored.uniques());
            indexEntries.remove(type.name(), id, stored.indexes());
        });
        keyMemory.forget(type.name(), id);
    }

    @Override
    public void publish(DomainEvent event) {
        writable();
        Objects.requireNonNull(event, "event");
        if (!event.tenant().equals(tenant)) {
            throw ValidationException.of("event.tenant", "must be the unit of work's tenant " + tenant);
        }
        outbox.add(event, LearnloopJson.toJson(event));
    }


    private void writeOutbox() {
        run("publishing " + outbox.size() + " events", () -> {
            outbox.write(connection, sql, tenant);
            return null;
        });
    }

    @Override
    public void add(CounterKey key, long delta) {
        writable();
        counters.add(key, delta);
    }

    @Override
    public List<Counter> counters(String family, String group, String after, int limit) {
        PendingCounters.checkRead(family, group, after, limit);
        List<Counter> committed = run("reading counters " + family + " of '" + group + "'",
                () -> JdbcCounters.read(connection, sql, tenant, family, group, after, limit));
        return counters.overlay(family, group, after, limit, committed);
    }

    /**
     * Writes what this unit of work keeps until commit, as the last statements before it: the index entries still
     * held back (a batch of removals and one of additions), the published events in one batch, then the counter
     * additions (last, so their row locks are held for the shortest time).
     */
    void flush() {
        run("writing index entries", () -> {
            writeHeldIndexEntries();
            return null;
        });
        writeOutbox();
        if (!counters.isEmpty()) {
            run("adding to counters", () -> {
                JdbcCounters.flush(connection, sql, tenant, counters);
                return null;
            });
        }
    }

    // ---- keys ----

    /**
     * A table of secondary keys: the columns of its primary key after tenant and type, the last of which names the
     * aggregate (a unique key's id; an index entry's position, which ends with the id).
     */
    private record KeyTable(String name, String nameColumn, String keyColumn, String ownerColumn) {
    }

    private static final KeyTable UNIQUE_KEYS = new KeyTable("learnloop_unique_key", "key_name", "key_value", "id");
    private static final KeyTable INDEX_ENTRIES =
            new KeyTable("learnloop_index_entry", "index_name", "index_key", "position_key");

    private <T> AggregateKeys keys(AggregateType<T> type, T value) {
        if (type.uniqueKeyNames().isEmpty() && type.indexNames().isEmpty()) {
            return AggregateKeys.NONE;
        }
        return new AggregateKeys(keys(type, value, true), keys(type, value, false));
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

    /**
     * The keys stored for an aggregate at a version: those of its document at that version, remembered from this unit
     * of work's own reads and writes when it knows that version, else read by primary key. Either way they are right
     * only if the row is still at that version, which the write's compare-and-set then checks.
     *
     * @throws NotFoundException if there is no such aggregate
     * @throws ConflictException if it is at another version
     */
    private <T> AggregateKeys storedKeys(AggregateType<T> type, String id, long version) throws SQLException {
        if (type.uniqueKeyNames().isEmpty() && type.indexNames().isEmpty()) {
            return AggregateKeys.NONE;
        }
        KeyMemory.Remembered known = keyMemory.at(type.name(), id, version);
        String body = known == null ? storedBody(type, id, version) : known.body();
        return known != null && known.keys() != null ? known.keys()
                : keys(type, LearnloopJson.fromJson(body, type.type()));
    }

    /**
     * The stored document of an aggregate at a version, by primary key.
     *
     * @throws NotFoundException if there is no such aggregate
     * @throws ConflictException if it is at another version
     */
    private <T> String storedBody(AggregateType<T> type, String id, long version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT body FROM learnloop_aggregate "
                + "WHERE tenant = ? AND type = ? AND id = ? AND version = ?")) {
            ps.setString(1, tenant.value());
            ps.setString(2, type.name());
            ps.setString(3, id);
            ps.setLong(4, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        throw missingOrStale(type, id, version);
    }

    /**
     * PostgreSQL: inserts an aggregate's unique keys and its row in one statement, as {@link #insert} does in several
     * elsewhere. The row goes in only if every key did; what the statement returns tells which keys went in, so a
     * taken key or id takes back the keys it claimed and is reported, and nothing of the write is left.
     */
    private <T> void insertWithUniqueKeys(AggregateType<T> type, String id, String body, List<Key> uniques)
            throws SQLException {
        String values = String.join(", ", java.util.Collections.nCopies(uniques.size(), "(?, ?, ?, ?, ?)"));
        String statement = "WITH k AS (INSERT INTO learnloop_unique_key (tenant, type, key_name, key_value, id) VALUES "
                + values + " ON CONFLICT (tenant, type, key_name, key_value) DO NOTHING RETURNING key_name, key_value), "
                + "a AS (INSERT INTO learnloop_aggregate (tenant, type, id, version, body, created_at, updated_at) "
                + "SELECT ?, ?, ?, 1, CAST(? AS jsonb), ?, ? WHERE (SELECT COUNT(*) FROM k) = ? "
                + "ON CONFLICT (tenant, type, id) DO NOTHING RETURNING id) "
                + "SELECT 0, key_name, key_value FROM k UNION ALL SELECT 1, id, NULL FROM a";
        List<Key> claimed = new ArrayList<>(uniques.size());
        boolean inserted = false;
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            int p = 1;
            for (Key key : uniques) {
                ps.setString(p++, tenant.value());
                ps.setString(p++, type.name());
                ps.setString(p++, key.name());
                ps.setString(p++, key.value());
                ps.setString(p++, id);
            }
            ps.setString(p++, tenant.value());
            ps.setString(p++, type.name());
            ps.setString(p++, id);
            ps.setString(p++, body);
            ps.setObject(p++, sql.timestamp(now));
            ps.setObject(p++, sql.timestamp(now));
            ps.setInt(p, uniques.size());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) == 1) {
                        inserted = true;
                    } else {
                        claimed.add(new Key(rs.getString(2), rs.getString(3), null));
                    }
                }
            }
        }
        if (inserted) {
            return;
        }
        deleteKeys(type, id, UNIQUE_KEYS, claimed);
        java.util.Set<Key> went = new java.util.HashSet<>(claimed);
        for (Key key : uniques) {
            if (!went.remove(key)) {
                throw duplicate(type, key.name(), key.value());
            }
        }
        throw duplicate(type, "id", id);
    }

    /**
     * Inserts unique keys of an aggregate. When one is taken, the keys inserted before it are deleted again and the
     * duplicate is reported, so nothing of the write is left.
     *
     * @return the keys inserted
     */
    private <T> List<Key> claimUniqueKeys(AggregateType<T> type, String id, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Key> claimed = new ArrayList<>(keys.size());
        try (PreparedStatement ps = connection.prepareStatement(sql.insertUniqueKey)) {
            for (Key key : keys) {
                bindKey(ps, type, key, id);
                if (!insertedOne(ps)) {
                    deleteKeys(type, id, UNIQUE_KEYS, claimed);
                    throw duplicate(type, key.name(), key.value());
                }
                claimed.add(key);
            }
        }
        return claimed;
    }

    /**
     * Runs an insert whose row may collide with a unique key.
     *
     * @return false if a taken key kept the row out: on PostgreSQL by ON CONFLICT, elsewhere by a failure that undid
     * only the statement
     */
    private boolean insertedOne(PreparedStatement ps) throws SQLException {
        try {
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            if (!sql.postgres() && SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Writes the index entries held back, before a read of an index or the commit. Once written they are no longer
     * held, so a failure here leaves the unit of work unable to commit.
     */
    private void writeHeldIndexEntries() throws SQLException {
        if (indexEntries.isEmpty()) {
            return;
        }
        try {
            indexEntries.write(connection, tenant);
        } catch (SQLException e) {
            markBroken(SqlErrors.map(e, "writing index entries"));
            throw e;
        }
    }

    private <T> void insertIndexEntries(AggregateType<T> type, String id, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO learnloop_index_entry "
                + "(tenant, type, index_name, index_key, position_key) VALUES (?, ?, ?, ?, ?)")) {
            for (Key key : keys) {
                bindKey(ps, type, key, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Sets the five parameters of a statement on one key row: tenant, type, key name, key, and what names the
     * aggregate (the id, or the position of a sorted index's entry).
     */
    private void bindKey(PreparedStatement ps, AggregateType<?> type, Key key, String id) throws SQLException {
        ps.setString(1, tenant.value());
        ps.setString(2, type.name());
        ps.setString(3, key.name());
        ps.setString(4, key.value());
        ps.setString(5, key.sort() != null ? key.sort() : id);
    }

    /**
     * The aggregates of an index read that still hold the key: an entry written by an earlier version of an index's
     * definition may outlive the key, and is not returned.
     */
    private static <T> List<Versioned<T>> indexed(AggregateType<T> type, String index, String key,
                                                  List<Versioned<T>> rows) {
        List<Versioned<T>> kept = new ArrayList<>(rows.size());
        for (Versioned<T> row : rows) {
            if (type.indexKeys(index, row.value()).contains(key)) {
                kept.add(row);
            }
        }
        return kept.size() == rows.size() ? rows : kept;
    }

    private <T> void deleteKeys(AggregateType<T> type, String id, KeyTable table, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table.name() + " WHERE tenant = ? "
                + "AND type = ? AND " + table.nameColumn() + " = ? AND " + table.keyColumn() + " = ? AND "
                + table.ownerColumn() + " = ?")) {
            for (Key key : keys) {
                bindKey(ps, type, key, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes the index entries of a batch of aggregates of a type, in id order after {@code afterId}, from their
     * stored bodies and the type's current key functions; an entry already there is deleted and written again.
     *
     * @return the batch's last id, or null when none was left
     */
    <T> String reindex(AggregateType<T> type, String afterId, int limit) {
        writable();
        String[] last = {null};
        write("rebuilding the indexes of " + type.name(), () -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, body FROM learnloop_aggregate"
                    + " WHERE tenant = ? AND type = ? AND id > ? ORDER BY tenant, type, id" + sql.limit("?"))) {
                ps.setString(1, tenant.value());
                ps.setString(2, type.name());
                ps.setString(3, afterId == null ? "" : afterId);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            for (String[] row : rows) {
                List<Key> entries = keys(type, LearnloopJson.fromJson(row[1], type.type())).indexes();
                deleteKeys(type, row[0], INDEX_ENTRIES, entries);
                insertIndexEntries(type, row[0], entries);
                last[0] = row[0];
            }
        });
        return last[0];
    }

    // ---- plumbing ----

    /** SQL work that may throw {@link SQLException}. */
    @FunctionalInterface
    private interface SqlWork<R> {
        R run() throws SQLException;
    }

    /** A write's SQL work. */
    @FunctionalInterface
    private interface WriteWork {
        void run() throws SQLException;
    }

    /** Runs SQL work, mapping driver failures; a failure that aborted the transaction marks it broken. */
    private <R> R run(String doing, SqlWork<R> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            LearnloopException mapped = SqlErrors.map(e, doing);
            if (sql.abortsTransaction(e)) {
                markBroken(mapped);
            }
            throw mapped;
        }
    }

    /**
     * Runs a write. A duplicate or a stale version is reported once the write took back what it had done, and the
     * work may go on; any other failure may have left part of the write behind, so the unit of work can no longer
     * commit.
     */
    private void write(String doing, WriteWork work) {
        try {
            work.run();
        } catch (SQLException e) {
            LearnloopException mapped = SqlErrors.map(e, doing);
            markBroken(mapped);
            throw mapped;
        } catch (ConflictException | NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            markBroken(e instanceof LearnloopException le ? le
                    : new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "Failed while " + doing + ": " + e, e));
            throw e;
        }
    }

    private void markBroken(LearnloopException failure) {
        if (broken == null) {
            broken = failure;
        }
    }

    /**
     * The aggregates under one key of an unsorted index, in insertion order, in one statement: such an entry's
     * position is the aggregate's id, so the entries join the aggregates' primary key. A lookup index's key holds few
     * aggregates, and each is found by a primary-key probe.
     */
    private <T> List<Versioned<T>> joined(AggregateType<T> type, String index, String key) throws SQLException {
        List<SeqRow<T>> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.lookupThroughIndex)) {
            ps.setString(1, tenant.value());
            ps.setString(2, type.name());
            ps.setString(3, index);
            ps.setString(4, key);
            collect(ps, type, found);
        }
        found.sort(Comparator.comparingLong(SeqRow::seq));
        return found.stream().map(SeqRow::value).toList();
    }

    /** Reads rows of (seq, version, body, id) into aggregates, remembering each. */
    private <T> void collect(PreparedStatement ps, AggregateType<T> type, List<SeqRow<T>> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(4);
                String body = rs.getString(3);
                long version = rs.getLong(2);
                remember(type, id, version, body);
                into.add(new SeqRow<>(rs.getLong(1), id, new Versioned<>(
                        LearnloopJson.fromJson(body, type.type()), version)));
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
                collect(ps, type, found);
            }
        }
        if (insertionOrder) {
            found.sort(Comparator.comparingLong(SeqRow::seq));
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
                String body = rs.getString(2);
                Versioned<T> row = new Versioned<>(LearnloopJson.fromJson(body, type.type()), rs.getLong(1));
                remember(type, type.idOf(row.value()), row.version(), body);
                result.add(row);
            }
        }
        return result;
    }

    /**
     * Remembers an aggregate read by a unit of work that may update it. The body is kept, not the value handed to the
     * work, which the work may change before it writes it back.
     */
    private void remember(AggregateType<?> type, String id, long version, String body) {
        if (!readOnly && !(type.uniqueKeyNames().isEmpty() && type.indexNames().isEmpty())) {
            keyMemory.read(type.name(), id, version, body);
        }
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
