package io.learnloop.core.internal.store;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.PendingCounters;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A unit of work on the {@link MemoryStore}: reads see committed state plus this work's own staged writes; writes
 * are staged and applied by {@link #commit()} only after every version and unique key has been re-checked.
 *
 * <p>Not thread-safe.
 */
final class MemoryUnitOfWork implements UnitOfWork, IndexedValues {
    private static final char SEP = '\0';

    private final TenantId tenant;
    private final MemoryStore.TenantData data;
    private final boolean readOnly;
    /** type name -> id -> staged change, in staging order; null until the first write (reads allocate nothing). */
    private Map<String, Map<String, Staged>> staged;
    /** Events to write to the outbox; null until the first. */
    private List<DomainEvent> events;
    /** Counter additions, applied at commit. */
    private final PendingCounters counters = new PendingCounters();

    /** A staged change: the new value (null when deleted) and the committed version it was based on (0 = absent). */
    private static final class Staged {
        final AggregateType<?> type;
        Object value;
        long version;
        final long baseVersion;

        Staged(AggregateType<?> type, Object value, long version, long baseVersion) {
            this.type = type;
            this.value = value;
            this.version = version;
            this.baseVersion = baseVersion;
        }
    }

    MemoryUnitOfWork(TenantId tenant, MemoryStore.TenantData data, boolean readOnly) {
        this.tenant = tenant;
        this.data = data;
        this.readOnly = readOnly;
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public <T> Optional<Versioned<T>> find(AggregateType<T> type, String id) {
        Objects.requireNonNull(id, "id");
        Staged s = staged(type, id);
        if (s != null) {
            return s.value == null ? Optional.empty() : Optional.of(new Versioned<>(type.type().cast(s.value), s.version));
        }
        MemoryStore.Row row = data.type(type).rows.get(id);
        return row == null ? Optional.empty() : Optional.of(new Versioned<>(type.type().cast(row.value()), row.version()));
    }

    @Override
    public <T> List<Versioned<T>> findBy(AggregateType<T> type, String index, String key) {
        type.requireIndex(index);
        List<MemoryStore.Row> committed = data.type(type).rowsUnder(index, key);
        if (nothingStaged(type)) {
            // Nothing staged for this type (every read-only unit of work): the index's rows are the answer.
            List<Versioned<T>> result = new ArrayList<>(committed.size());
            for (MemoryStore.Row row : committed) {
                result.add(new Versioned<>(type.type().cast(row.value()), row.version()));
            }
            return result;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (MemoryStore.Row row : committed) {
            ids.add(row.id());
        }
        for (Staged s : stagedRead(type).values()) {
            if (s.value != null && type.indexKeys(index, type.type().cast(s.value)).contains(key)) {
                ids.add(type.idOf(type.type().cast(s.value)));
            }
        }
        List<Versioned<T>> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            find(type, id).filter(v -> type.indexKeys(index, v.value()).contains(key)).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public <T> List<T> valuesBy(AggregateType<T> type, String index, String key) {
        if (nothingStaged(type)) {
            type.requireIndex(index);
            return new RowValues<>(type.type(), data.type(type).rowsUnder(index, key));
        }
        List<Versioned<T>> found = findBy(type, index, key);
        List<T> values = new ArrayList<>(found.size());
        for (Versioned<T> v : found) {
            values.add(v.value());
        }
        return values;
    }

    @Override
    public <T, R> R derive(AggregateType<T> type, String index, String key,
                           BiFunction<String, List<T>, R> derivation) {
        Objects.requireNonNull(derivation, "derivation");
        if (!nothingStaged(type)) {
            return derivation.apply(key, valuesBy(type, index, key));
        }
        type.requireIndex(index);
        MemoryStore.Postings postings = data.type(type).postingsUnder(index, key);
        if (postings == null) {
            return derivation.apply(key, List.of());
        }
        // the stamp before the rows: a change made while they are read leaves a memo that is never used
        long stamp = postings.stamp;
        MemoryStore.Memo memo = postings.memo;
        if (memo != null && memo.derivation() == derivation && memo.stamp() == stamp) {
            @SuppressWarnings("unchecked")
            R remembered = (R) memo.value();
            return remembered;
        }
        R value = derivation.apply(key, new RowValues<>(type.type(), postings.rowList()));
        postings.memo = new MemoryStore.Memo(derivation, stamp, value);
        return value;
    }

    @Override
    public <T> Optional<Versioned<T>> findUnique(AggregateType<T> type, String unique, String key) {
        type.requireUnique(unique);
        for (Staged s : stagedRead(type).values()) {
            if (s.value != null && type.uniqueKeys(unique, type.type().cast(s.value)).contains(key)) {
                return find(type, type.idOf(type.type().cast(s.value)));
            }
        }
        String id = data.type(type).unique.get(unique + SEP + key);
        if (id == null) {
            return Optional.empty();
        }
        return find(type, id).filter(v -> type.uniqueKeys(unique, v.value()).contains(key));
    }

    @Override
    public <T> List<Versioned<T>> findRange(AggregateType<T> type, String index, String key, IndexRange range) {
        type.requireSortedIndex(index);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(range, "range");
        Map<String, Staged> mine = stagedRead(type);
        MemoryStore.Postings postings = data.type(type).postingsUnder(index, key);
        // staged changes may hide committed rows of the range, so read enough to fill the page after them
        int wanted = range.limit() + mine.size();
        TreeMap<String, Versioned<T>> found = new TreeMap<>();
        if (postings != null) {
            NavigableMap<String, MemoryStore.Row> rows = postings.rows();
            if (range.after() != null) {
                rows = rows.tailMap(range.after(), false);
            }
            if (range.before() != null) {
                rows = rows.headMap(range.before(), false);
            }
            for (MemoryStore.Row row : (range.descending() ? rows.descendingMap() : rows).values()) {
                if (found.size() >= wanted) {
                    break;
                }
                if (!mine.containsKey(row.id())) {
                    found.put(row.positions().get(index), new Versioned<>(type.type().cast(row.value()), row.version()));
                }
            }
        }
        for (Staged st : mine.values()) {
            if (st.value == null) {
                continue;
            }
            T value = type.type().cast(st.value);
            String position = type.position(index, value);
            if (type.indexKeys(index, value).contains(key) && (range.after() == null || position.compareTo(range.after()) > 0)
                    && (range.before() == null || position.compareTo(range.before()) < 0)) {
                found.put(position, new Versioned<>(value, st.version));
            }
        }
        List<Versioned<T>> result = new ArrayList<>(Math.min(found.size(), range.limit()));
        for (Versioned<T> v : (range.descending() ? found.descendingMap() : found).values()) {
            if (result.size() >= range.limit()) {
                break;
            }
            result.add(v);
        }
        return result;
    }

    @Override
    public <T> List<Versioned<T>> list(AggregateType<T> type, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw ValidationException.of(offset < 0 ? "offset" : "limit", "must not be negative");
        }
        List<Versioned<T>> result = new ArrayList<>();
        int skipped = 0;
        Map<String, Staged> mine = stagedRead(type);
        for (String id : data.type(type).order.values()) {
            if (result.size() >= limit) {
                return result;
            }
            Optional<Versioned<T>> v = find(type, id);
            if (v.isPresent()) {
                if (skipped < offset) {
                    skipped++;
                } else {
                    result.add(v.get());
                }
            }
        }
        for (Map.Entry<String, Staged> e : mine.entrySet()) {
            if (result.size() >= limit) {
                break;
            }
            if (e.getValue().baseVersion == 0 && e.getValue().value != null) {
                if (skipped < offset) {
                    skipped++;
                } else {
                    result.add(new Versioned<>(type.type().cast(e.getValue().value), e.getValue().version));
                }
            }
        }
        return result;
    }

    @Override
    public <T> long count(AggregateType<T> type) {
        long n = data.type(type).rows.size();
        for (Staged s : stagedRead(type).values()) {
            if (s.baseVersion == 0 && s.value != null) {
                n++;
            } else if (s.baseVersion != 0 && s.value == null) {
                n--;
            }
        }
        return n;
    }

    @Override
    public <T> Versioned<T> insert(AggregateType<T> type, T value) {
        writable();
        Objects.requireNonNull(value, "value");
        String id = type.storableIdOf(value);
        if (find(type, id).isPresent() || (staged(type, id) == null && data.type(type).rows.containsKey(id))) {
            throw MemoryStore.duplicate(type, "id", id);
        }
        checkUniqueKeys(type, id, value);
        Staged previous = staged(type, id);
        long base = previous != null ? previous.baseVersion : 0;
        stagedOf(type).put(id, new Staged(type, value, 1, base));
        return new Versioned<>(value, 1);
    }

    @Override
    public <T> Versioned<T> update(AggregateType<T> type, T value, long expectedVersion) {
        writable();
        Objects.requireNonNull(value, "value");
        String id = type.idOf(value);
        Versioned<T> current = find(type, id).orElseThrow(() -> new NotFoundException(type.name(), id));
        if (current.version() != expectedVersion) {
            throw versionConflict(type, id, expectedVersion, current.version());
        }
        checkUniqueKeys(type, id, value);
        Staged s = staged(type, id);
        if (s != null) {
            s.value = value;
            s.version = expectedVersion + 1;
        } else {
            stagedOf(type).put(id, new Staged(type, value, expectedVersion + 1, expectedVersion));
        }
        return new Versioned<>(value, expectedVersion + 1);
    }

    @Override
    public <T> void delete(AggregateType<T> type, String id, long expectedVersion) {
        writable();
        Versioned<T> current = find(type, id).orElseThrow(() -> new NotFoundException(type.name(), id));
        if (current.version() != expectedVersion) {
            throw versionConflict(type, id, expectedVersion, current.version());
        }
        Staged s = staged(type, id);
        if (s != null) {
            s.value = null;
        } else {
            stagedOf(type).put(id, new Staged(type, null, expectedVersion, expectedVersion));
        }
    }

    @Override
    public void publish(DomainEvent event) {
        writable();
        Objects.requireNonNull(event, "event");
        if (!event.tenant().equals(tenant)) {
            throw ValidationException.of("event.tenant", "must be the unit of work's tenant " + tenant);
        }
        if (events == null) {
            events = new ArrayList<>();
        }
        events.add(event);
    }

    @Override
    public void add(CounterKey key, long delta) {
        writable();
        counters.add(key, delta);
    }

    @Override
    public List<Counter> counters(String family, String group, String after, int limit) {
        PendingCounters.checkRead(family, group, after, limit);
        NavigableMap<String, Long> members = data.counters.get(family + SEP + group);
        List<Counter> committed = new ArrayList<>();
        if (members != null) {
            NavigableMap<String, Long> range = after == null ? members : members.tailMap(after, false);
            for (Map.Entry<String, Long> e : range.entrySet()) {
                if (committed.size() == limit) {
                    break;
                }
                committed.add(new Counter(e.getKey(), e.getValue()));
            }
        }
        return counters.overlay(family, group, after, limit, committed);
    }

    /** Re-checks every staged change against committed state, then applies all of them. Caller holds the lock. */
    void commit() {
        if (staged == null && events == null && counters.isEmpty()) {
            return;
        }
        Map<String, Map<String, Staged>> changes = staged != null ? staged : Map.of();
        for (Map<String, Staged> byId : changes.values()) {
            for (Map.Entry<String, Staged> e : byId.entrySet()) {
                verify(e.getKey(), e.getValue());
            }
        }
        Map<CounterKey, Long> counterValues = counterValuesAfterCommit();
        // Readers take no lock, so they may see a commit half applied. Counters go first: a reader that sees an
        // aggregate's new version then also sees the counters committed with it. A work that guards a decision on
        // counters by updating an aggregate (a payout checks the balance after updating the account) would
        // otherwise pass its compare-and-set on the new version with the old counters.
        for (Map.Entry<CounterKey, Long> e : counterValues.entrySet()) {
            CounterKey key = e.getKey();
            data.counters.computeIfAbsent(key.family() + SEP + key.group(),
                    k -> new java.util.concurrent.ConcurrentSkipListMap<>()).put(key.member(), e.getValue());
        }
        for (Map<String, Staged> byId : changes.values()) {
            for (Map.Entry<String, Staged> e : byId.entrySet()) {
                apply(e.getKey(), e.getValue());
            }
        }
        for (DomainEvent event : events != null ? events : List.<DomainEvent>of()) {
            if (data.outboxIds.add(event.id())) {
                data.outbox.add(new MemoryStore.OutboxRow(event));
            }
        }
    }

    /** The committed values the counters will have, worked out before anything is applied (a sum may overflow). */
    private Map<CounterKey, Long> counterValuesAfterCommit() {
        Map<CounterKey, Long> values = new LinkedHashMap<>();
        for (Map.Entry<CounterKey, Long> e : counters.inCommitOrder().entrySet()) {
            CounterKey key = e.getKey();
            NavigableMap<String, Long> members = data.counters.get(key.family() + SEP + key.group());
            Long current = members == null ? null : members.get(key.member());
            try {
                values.put(key, Math.addExact(current == null ? 0L : current, e.getValue()));
            } catch (ArithmeticException overflow) {
                throw ValidationException.of("counter", "adding " + e.getValue() + " to " + key
                        + " overflows a 64-bit count");
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private void verify(String id, Staged s) {
        AggregateType<Object> type = (AggregateType<Object>) s.type;
        MemoryStore.TypeData td = data.type(type);
        MemoryStore.Row row = td.rows.get(id);
        long committed = row == null ? 0 : row.version();
        if (committed != s.baseVersion) {
            if (s.baseVersion == 0) {
                throw MemoryStore.duplicate(type, "id", id);
            }
            throw versionConflict(type, id, s.baseVersion, committed);
        }
        if (s.value == null) {
            return;
        }
        for (String unique : type.uniqueKeyNames()) {
            for (String key : type.uniqueKeys(unique, s.value)) {
                String owner = td.unique.get(unique + SEP + key);
                if (owner != null && !owner.equals(id) && !releasedHere(type, owner, unique, key)) {
                    throw MemoryStore.duplicate(type, unique, key);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(String id, Staged s) {
        AggregateType<Object> type = (AggregateType<Object>) s.type;
        MemoryStore.TypeData td = data.type(type);
        MemoryStore.Row old = td.rows.get(id);
        Map<String, List<String>> oldKeys = old == null ? Map.of() : old.indexKeys();
        Map<String, List<String>> newKeys = Map.of();
        Map<String, String> positions = Map.of();
        MemoryStore.Row row = null;
        if (s.value != null) {
            long seq = old != null ? old.seq() : ++td.nextSeq;
            // Only the indexes the row is filed under are kept; the maps are sized once and never change after this,
            // so the row holds them as they are, without a copy.
            int capacity = (int) (type.indexNames().size() / 0.75f) + 1;
            newKeys = new HashMap<>(capacity);
            positions = new HashMap<>(capacity);
            String inserted = null;
            for (String index : type.indexNames()) {
                List<String> keys = type.indexKeys(index, s.value);
                if (keys.isEmpty()) {
                    continue;
                }
                newKeys.put(index, keys);
                // a sorted index orders by its sort key; another keeps insertion order
                if (type.isSorted(index)) {
                    positions.put(index, type.position(index, s.value));
                } else {
                    if (inserted == null) {
                        inserted = SortKeys.number(seq);
                    }
                    positions.put(index, inserted);
                }
            }
            row = new MemoryStore.Row(id, s.value, s.version, seq, newKeys, positions);
        }
        for (Map.Entry<String, List<String>> e : oldKeys.entrySet()) {
            String index = e.getKey();
            String oldPosition = old.positions().get(index);
            List<String> after = newKeys.getOrDefault(index, List.of());
            boolean moved = !oldPosition.equals(positions.get(index));
            for (String key : e.getValue()) {
                if (moved || !after.contains(key)) {
                    unfile(td, index, key, oldPosition);
                }
            }
        }
        for (Map.Entry<String, List<String>> e : newKeys.entrySet()) {
            String position = positions.get(e.getKey());
            for (String key : e.getValue()) {
                MemoryStore.Postings p = td.index(e.getKey()).computeIfAbsent(key, k -> new MemoryStore.Postings());
                p.put(position, row);
                p.stamp++;
            }
        }
        if (row == null) {
            td.rows.remove(id);
            if (old != null) {
                td.order.remove(old.seq());
            }
        } else {
            td.rows.put(id, row);
            if (old == null) {
                td.order.put(row.seq(), id);
            }
            for (String unique : type.uniqueKeyNames()) {
                for (String key : type.uniqueKeys(unique, s.value)) {
                    td.unique.put(unique + SEP + key, id);
                }
            }
        }
        if (old != null) {
            for (String unique : type.uniqueKeyNames()) {
                List<String> kept = s.value == null ? List.of() : type.uniqueKeys(unique, s.value);
                for (String key : type.uniqueKeys(unique, old.value())) {
                    if (!kept.contains(key)) {
                        td.unique.remove(unique + SEP + key, id);
                    }
                }
            }
        }
    }

    /** Takes a row off one index key, dropping the key once it holds nothing. Caller holds the commit lock. */
    private static void unfile(MemoryStore.TypeData td, String index, String key, String position) {
        MemoryStore.Postings p = td.index(index).get(key);
        if (p == null) {
            return;
        }
        p.remove(position);
        p.stamp++;
        if (p.isEmpty()) {
            td.index(index).remove(key, p);
        }
    }

    private <T> void checkUniqueKeys(AggregateType<T> type, String id, T value) {
        for (String unique : type.uniqueKeyNames()) {
            for (String key : type.uniqueKeys(unique, value)) {
                Optional<Versioned<T>> holder = findUnique(type, unique, key);
                if (holder.isPresent() && !type.idOf(holder.get().value()).equals(id)) {
                    throw MemoryStore.duplicate(type, unique, key);
                }
            }
        }
    }

    /** Whether this unit of work moves {@code owner} off the unique key, freeing it. */
    private boolean releasedHere(AggregateType<Object> type, String owner, String unique, String key) {
        Staged s = staged(type, owner);
        return s != null && (s.value == null || !type.uniqueKeys(unique, s.value).contains(key));
    }

    private Staged staged(AggregateType<?> type, String id) {
        if (staged == null) {
            return null;
        }
        Map<String, Staged> byId = staged.get(type.name());
        return byId == null ? null : byId.get(id);
    }

    private boolean nothingStaged(AggregateType<?> type) {
        if (staged == null) {
            return true;
        }
        Map<String, Staged> mine = staged.get(type.name());
        return mine == null || mine.isEmpty();
    }

    /** This work's staged changes of a type, for reading; empty (and nothing allocated) if there are none. */
    private Map<String, Staged> stagedRead(AggregateType<?> type) {
        if (staged == null) {
            return Map.of();
        }
        Map<String, Staged> mine = staged.get(type.name());
        return mine == null ? Map.of() : mine;
    }

    /** This work's staged changes of a type, for writing. */
    private Map<String, Staged> stagedOf(AggregateType<?> type) {
        if (staged == null) {
            staged = new LinkedHashMap<>();
        }
        return staged.computeIfAbsent(type.name(), n -> new LinkedHashMap<>());
    }

    private void writable() {
        if (readOnly) {
            throw new IllegalStateException("This unit of work was opened with Store.read and cannot write; use Store.transact.");
        }
    }

    private static ConflictException versionConflict(AggregateType<?> type, String id, long expected, long actual) {
        return new ConflictException(ErrorCode.VERSION_CONFLICT, "The " + type.name() + " '" + id + "' is at version "
                + actual + ", not " + expected + ": it changed since it was read. Reload it and try again.");
    }
}
