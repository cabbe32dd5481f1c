package io.learnloop.core.internal.store;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.UnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The in-memory store. Reads are lock-free against committed state; a unit of work stages its writes and commits
 * them under one lock after re-checking every version and unique key, so a failed commit leaves nothing behind.
 *
 * <p>Thread-safe.
 */
public final class MemoryStore implements Store {
    private final Object commitLock = new Object();
    private final ConcurrentHashMap<TenantId, TenantData> tenants = new ConcurrentHashMap<>();

    TenantData tenant(TenantId tenant) {
        TenantData data = tenants.get(Objects.requireNonNull(tenant, "tenant"));
        return data != null ? data : tenants.computeIfAbsent(tenant, t -> new TenantData());
    }

    @Override
    public <R> R transact(TenantId tenant, Function<UnitOfWork, R> work) {
        MemoryUnitOfWork uow = new MemoryUnitOfWork(tenant, tenant(tenant), false);
        R result = work.apply(uow);
        synchronized (commitLock) {
            uow.commit();
        }
        return result;
    }

    @Override
    public <R> R read(TenantId tenant, Function<UnitOfWork, R> work) {
        return work.apply(new MemoryUnitOfWork(tenant, tenant(tenant), true));
    }

    @Override
    public List<DomainEvent> claimOutbox(TenantId tenant, String relay, int limit, Instant now, Duration lease) {
        TenantData data = tenant(tenant);
        List<DomainEvent> claimed = new ArrayList<>();
        synchronized (commitLock) {
            for (OutboxRow row : data.outbox) {
                if (claimed.size() >= limit) {
                    break;
                }
                if (row.claimedBy == null || row.leaseUntil.isBefore(now) || row.claimedBy.equals(relay)) {
                    row.claimedBy = relay;
                    row.leaseUntil = now.plus(lease);
                    claimed.add(row.event);
                }
            }
        }
        return claimed;
    }

    @Override
    public void markDelivered(TenantId tenant, List<String> eventIds) {
        TenantData data = tenant(tenant);
        Set<String> ids = new HashSet<>(eventIds);
        synchronized (commitLock) {
            for (Iterator<OutboxRow> it = data.outbox.iterator(); it.hasNext(); ) {
                if (ids.contains(it.next().event.id())) {
                    it.remove();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "MemoryStore[tenants=" + tenants.size() + "]";
    }

    /** All data of one tenant. */
    static final class TenantData {
        final ConcurrentHashMap<String, TypeData> types = new ConcurrentHashMap<>();
        /**
         * The same data keyed by the declaring instance: an {@link AggregateType} has identity equality, so this
         * lookup hashes no string. Several instances of one name share one {@link TypeData}.
         */
        private final ConcurrentHashMap<AggregateType<?>, TypeData> byInstance = new ConcurrentHashMap<>();
        /** Guarded by the store's commit lock. */
        final List<OutboxRow> outbox = new ArrayList<>();
        final Set<String> outboxIds = new HashSet<>();

        TypeData type(AggregateType<?> type) {
            TypeData data = byInstance.get(type);
            if (data == null) {
                data = types.computeIfAbsent(type.name(), n -> new TypeData());
                byInstance.putIfAbsent(type, data);
            }
            return data;
        }
    }

    /** Rows and keys of one aggregate type in one tenant. Written only under the commit lock. */
    static final class TypeData {
        final ConcurrentHashMap<String, Row> rows = new ConcurrentHashMap<>();
        /**
         * index name -> key -> the committed rows filed under it, in the order they joined the key. Each entry is
         * replaced, never mutated, and holds the rows themselves so an index read needs no second lookup and no
         * re-check; entries share their unchanged parts (see {@link PostingTree}), so a commit costs O(log n) per
         * key it touches, not a copy of the key's rows.
         */
        final ConcurrentHashMap<String, ConcurrentHashMap<String, Postings>> index = new ConcurrentHashMap<>();
        /** unique name + NUL + key -> id. */
        final ConcurrentHashMap<String, String> unique = new ConcurrentHashMap<>();
        /** The last number handed out, both as a row's insertion number and as a filing number (see {@link Row}). */
        long nextSeq;
        /** Insertion sequence -> id. */
        final ConcurrentSkipListMap<Long, String> order = new ConcurrentSkipListMap<>();

        /** The keys of one index, created on first use. */
        ConcurrentHashMap<String, Postings> index(String name) {
            ConcurrentHashMap<String, Postings> keys = index.get(name);
            return keys != null ? keys : index.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        }

        /** The rows under one key of one index, in index order; empty if none. */
        PostingTree rowsUnder(String name, String key) {
            Postings postings = postingsUnder(name, key);
            return postings == null ? PostingTree.EMPTY : postings.rows;
        }

        /** The entry under one key of one index, or null if no row is filed under it. */
        Postings postingsUnder(String name, String key) {
            ConcurrentHashMap<String, Postings> keys = index.get(name);
            return keys == null ? null : keys.get(key);
        }

        /** Files a row at the end of a key it joins, under a filing number above every earlier one. */
        void file(String name, String key, long number, Row row) {
            ConcurrentHashMap<String, Postings> keys = index(name);
            Postings before = keys.get(key);
            PostingTree rows = before == null ? PostingTree.EMPTY : before.rows;
            keys.put(key, new Postings(rows.append(number, row)));
        }

        /** Puts a row's new version in its old place under a key it keeps. */
        void refile(String name, String key, long number, Row row) {
            ConcurrentHashMap<String, Postings> keys = index(name);
            keys.put(key, new Postings(existing(keys, name, key).rows.replace(number, row)));
        }

        /** Takes a row off a key it leaves; a key left without rows is dropped. */
        void unfile(String name, String key, long number) {
            ConcurrentHashMap<String, Postings> keys = index(name);
            PostingTree rows = existing(keys, name, key).rows.remove(number);
            if (rows.isEmpty()) {
                keys.remove(key);
            } else {
                keys.put(key, new Postings(rows));
            }
        }

        private static Postings existing(ConcurrentHashMap<String, Postings> keys, String name, String key) {
            Postings postings = keys.get(key);
            if (postings == null) {
                // Rows and index entries change together under the commit lock: this is a defect, not bad input.
                throw new IllegalStateException("Index " + name + " has no entry for a key a row is filed under");
            }
            return postings;
        }
    }

    /**
     * One committed aggregate, with its index keys worked out once at commit.
     *
     * <p>A row is filed under each of its keys at a filing number, its place in the key's {@link PostingTree}: its
     * insertion number for a key it has had since it was inserted, a number handed out later for a key an update
     * added. It keeps the number while it keeps the key, so index order is the order in which rows joined the key,
     * and a commit finds the entry to replace or remove from the row alone. Only the later numbers are stored, so a
     * row that never joined a key after its insertion carries nothing extra.
     *
     * @param id          the aggregate id
     * @param value       the record
     * @param version     the version
     * @param seq         the insertion number, which orders {@code list} reads
     * @param indexKeys   index name -> the row's keys in it
     * @param joinedLater index name -> for each key of {@code indexKeys} (by position) the filing number under which
     *                    the row joined it after its insertion, or 0 where it is filed at {@code seq}; indexes with
     *                    no such key are absent
     */
    record Row(String id, Object value, long version, long seq, Map<String, List<String>> indexKeys,
               Map<String, long[]> joinedLater) {
        /**
         * @param index an index name
         * @param key   a key
         * @return the filing number under the key, or 0 if the row is not filed under it
         */
        long filedAt(String index, String key) {
            List<String> keys = indexKeys.get(index);
            int at = keys == null ? -1 : keys.indexOf(key);
            if (at < 0) {
                return 0;
            }
            long[] later = joinedLater.get(index);
            return later == null || later[at] == 0 ? seq : later[at];
        }
    }

    /** One outbox entry. Fields other than the event are guarded by the commit lock. */
    static final class OutboxRow {
        final DomainEvent event;
        String claimedBy;
        Instant leaseUntil;

        OutboxRow(DomainEvent event) {
            this.event = event;
        }
    }

    static ConflictException duplicate(AggregateType<?> type, String what, String key) {
        return new ConflictException(ErrorCode.DUPLICATE_KEY,
                "A " + type.name() + " with " + what + " '" + key + "' already exists.");
    }
}
