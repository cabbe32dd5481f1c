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
    public void markDelivered(TenantId tenant, List<String> eventIds, Instant deliveredAt) {
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
    public int pruneDelivered(TenantId tenant, Instant deliveredBefore, int limit) {
        // delivered events leave this store's outbox at once; only their ids stay, to recognise a re-publish
        return 0;
    }

    @Override
    public int rewriteOutbox(TenantId tenant, java.util.function.UnaryOperator<DomainEvent> rewrite) {
        TenantData data = tenant(tenant);
        int rewritten = 0;
        synchronized (commitLock) {
            for (OutboxRow row : data.outbox) {
                DomainEvent after = rewrite.apply(row.event);
                if (after != row.event) {
                    if (!after.id().equals(row.event.id())) {
                        throw new IllegalArgumentException("A rewritten outbox event must keep its id");
                    }
                    row.event = after;
                    rewritten++;
                }
            }
        }
        return rewritten;
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
        /** family NUL group -> member -> committed value; written under the commit lock, read lock-free. */
        final ConcurrentHashMap<String, java.util.concurrent.ConcurrentSkipListMap<String, Long>> counters =
                new ConcurrentHashMap<>();

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
        /** index name -> key -> the committed rows filed under it, in position order. */
        final ConcurrentHashMap<String, ConcurrentHashMap<String, Postings>> index = new ConcurrentHashMap<>();
        /** unique name + NUL + key -> id. */
        final ConcurrentHashMap<String, String> unique = new ConcurrentHashMap<>();
        long nextSeq;
        /** Insertion sequence -> id. */
        final java.util.concurrent.ConcurrentSkipListMap<Long, String> order = new java.util.concurrent.ConcurrentSkipListMap<>();

        /** The keys of one index, created on first use. */
        ConcurrentHashMap<String, Postings> index(String name) {
            ConcurrentHashMap<String, Postings> keys = index.get(name);
            return keys != null ? keys : index.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        }

        /** The rows under one key of one index, in position order; empty if none. */
        List<Row> rowsUnder(String name, String key) {
            Postings postings = postingsUnder(name, key);
            return postings == null ? List.of() : postings.rowList();
        }

        /** The entry under one key of one index, or null if no row is filed under it. */
        Postings postingsUnder(String name, String key) {
            ConcurrentHashMap<String, Postings> keys = index.get(name);
            return keys == null ? null : keys.get(key);
        }
    }

    /**
     * The committed rows under one index key, by position: the sort key and id in a sorted index, the insertion
     * sequence in another. Filing or removing a row is logarithmic in the key's size. Most keys only ever hold one
     * row (an order's grants, attempt and journal entry; a learner's first order), so a key holds its first row as a
     * plain entry and makes a skip list only when a second row arrives; it never goes back, so a reader that finds no
     * single row finds the skip list. Every change moves the stamp, so a value derived from the rows and remembered
     * here is used only while the rows are as they were. Written only under the commit lock; read without it.
     */
    static final class Postings {
        /** The key's only row, or null when it has none or has grown a skip list. */
        private volatile Single single;
        /** The rows once a second one arrived; never replaced or dropped after. */
        private volatile java.util.concurrent.ConcurrentSkipListMap<String, Row> many;
        /** Moved after every change of the rows. */
        volatile long stamp;
        /** The last derivation and its result; racy but safe, as a {@link Memo} is immutable. */
        volatile Memo memo;

        /** A key's one row and its position. */
        private record Single(String position, Row row) {
        }

        /** Files a row at a position, replacing any row there. Caller holds the commit lock. */
        void put(String position, Row row) {
            java.util.concurrent.ConcurrentSkipListMap<String, Row> rows = many;
            if (rows != null) {
                rows.put(position, row);
                return;
            }
            Single one = single;
            if (one == null || one.position().equals(position)) {
                single = new Single(position, row);
                return;
            }
            rows = new java.util.concurrent.ConcurrentSkipListMap<>();
            rows.put(one.position(), one.row());
            rows.put(position, row);
            many = rows; // published before the single row goes, so a reader always finds the row one way or the other
            single = null;
        }

        /** Takes the row at a position off the key. Caller holds the commit lock. */
        void remove(String position) {
            java.util.concurrent.ConcurrentSkipListMap<String, Row> rows = many;
            if (rows != null) {
                rows.remove(position);
                return;
            }
            Single one = single;
            if (one != null && one.position().equals(position)) {
                single = null;
            }
        }

        /** Whether no row is filed here. */
        boolean isEmpty() {
            java.util.concurrent.ConcurrentSkipListMap<String, Row> rows = many;
            return rows != null ? rows.isEmpty() : single == null;
        }

        /** The rows in position order, as a read-only navigable view. */
        java.util.NavigableMap<String, Row> rows() {
            java.util.concurrent.ConcurrentSkipListMap<String, Row> rows = many;
            if (rows != null) {
                return java.util.Collections.unmodifiableNavigableMap(rows);
            }
            Single one = single;
            if (one == null) {
                rows = many; // a second row may have arrived between the two reads
                return rows != null ? java.util.Collections.unmodifiableNavigableMap(rows)
                        : java.util.Collections.emptyNavigableMap();
            }
            java.util.TreeMap<String, Row> only = new java.util.TreeMap<>();
            only.put(one.position(), one.row());
            return java.util.Collections.unmodifiableNavigableMap(only);
        }

        /** The rows in position order, as a new list. */
        List<Row> rowList() {
            java.util.concurrent.ConcurrentSkipListMap<String, Row> rows = many;
            if (rows != null) {
                return new ArrayList<>(rows.values());
            }
            Single one = single;
            if (one == null) {
                rows = many;
                return rows != null ? new ArrayList<>(rows.values()) : new ArrayList<>();
            }
            List<Row> only = new ArrayList<>(1);
            only.add(one.row());
            return only;
        }
    }

    /**
     * A value derived from one {@link Postings}' rows by a derivation (compared by identity) at a stamp.
     *
     * @param derivation the function that derived it
     * @param stamp      the postings' stamp read before the rows were
     * @param value      the result
     */
    record Memo(Object derivation, long stamp, Object value) {
    }

    /**
     * One committed aggregate, with its index keys and its position in each index worked out once at commit.
     *
     * @param id        the id
     * @param value     the aggregate
     * @param version   its version
     * @param seq       its insertion sequence
     * @param indexKeys index name -> its keys, for the indexes it is filed under (never changed once made)
     * @param positions index name -> its position under each of those keys (never changed once made)
     */
    record Row(String id, Object value, long version, long seq, Map<String, List<String>> indexKeys,
               Map<String, String> positions) {
    }

    /** One outbox entry. Fields other than the event are guarded by the commit lock. */
    static final class OutboxRow {
        /** Replaced only by an erasure, under the commit lock. */
        volatile DomainEvent event;
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
