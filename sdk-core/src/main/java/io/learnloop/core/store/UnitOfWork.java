package io.learnloop.core.store;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;

import java.util.List;
import java.util.Optional;

/**
 * One transaction against the store, scoped to one tenant. Writes become visible to others only when the work
 * function returns; if it throws, nothing it wrote (rows or outbox events) is kept.
 *
 * <p>Isolation is read committed, on every store: each read sees committed data, but two reads in one unit of work
 * may see different commits, and the in-memory store makes a commit's records visible one after another rather
 * than all at once. What keeps concurrent writers correct is the compare-and-set of {@link #update} and the unique
 * keys of {@link #insert}: every store checks them when the write is made, the in-memory store again at commit, and
 * the JDBC stores hold the written row until commit. A unit of work that must not act on a stale decision writes the
 * record the decision rests on (for example a counter, or a per-learner head record), so a concurrent change to it
 * fails the write or the commit with a {@code VERSION_CONFLICT} and the work can run again
 * ({@link io.learnloop.core.ServiceContext#transactRetrying}).
 *
 * <p>Not thread-safe: used by the one thread running the work function.
 */
public interface UnitOfWork {
    /**
     * The tenant every read and write is scoped to.
     *
     * @return the tenant
     */
    TenantId tenant();

    /**
     * Reads one aggregate.
     *
     * @param type the aggregate type
     * @param id   the id
     * @param <T>  the record type
     * @return the aggregate and its version, or empty
     */
    <T> Optional<Versioned<T>> find(AggregateType<T> type, String id);

    /**
     * Reads one aggregate that must exist.
     *
     * @param type the aggregate type
     * @param id   the id
     * @param <T>  the record type
     * @return the aggregate and its version
     * @throws io.learnloop.core.error.NotFoundException if absent
     */
    default <T> Versioned<T> get(AggregateType<T> type, String id) {
        return find(type, id).orElseThrow(() -> new io.learnloop.core.error.NotFoundException(type.name(), id));
    }

    /**
     * Reads the aggregates whose index holds the key, in insertion order.
     *
     * @param type  the aggregate type
     * @param index a declared lookup index
     * @param key   the key
     * @param <T>   the record type
     * @return matching aggregates (possibly none)
     */
    <T> List<Versioned<T>> findBy(AggregateType<T> type, String index, String key);

    /**
     * Reads a bounded range of the aggregates filed under a key of a sorted index, in position order (sort key, then
     * id). The cost depends on the range's size, never on how many aggregates the key holds.
     *
     * @param type  the aggregate type
     * @param index a declared sorted index
     * @param key   the key
     * @param range the bounds, the limit and the direction
     * @param <T>   the record type
     * @return up to {@code range.limit()} aggregates
     */
    <T> List<Versioned<T>> findRange(AggregateType<T> type, String index, String key, IndexRange range);

    /**
     * Reads the aggregate holding a unique key.
     *
     * @param type   the aggregate type
     * @param unique a declared unique key
     * @param key    the key
     * @param <T>    the record type
     * @return the aggregate, or empty
     */
    <T> Optional<Versioned<T>> findUnique(AggregateType<T> type, String unique, String key);

    /**
     * Reads every aggregate of a type in this tenant, in insertion order, a page at a time.
     *
     * @param type   the aggregate type
     * @param offset how many to skip
     * @param limit  the most to return
     * @param <T>    the record type
     * @return the page's aggregates
     */
    <T> List<Versioned<T>> list(AggregateType<T> type, int offset, int limit);

    /**
     * Counts the aggregates of a type in this tenant.
     *
     * @param type the aggregate type
     * @param <T>  the record type
     * @return the count
     */
    <T> long count(AggregateType<T> type);

    /**
     * Inserts a new aggregate at version 1.
     *
     * @param type  the aggregate type
     * @param value the aggregate
     * @param <T>   the record type
     * @return the stored aggregate
     * @throws io.learnloop.core.error.ConflictException with {@code DUPLICATE_KEY} if the id or a unique key is taken
     */
    <T> Versioned<T> insert(AggregateType<T> type, T value);

    /**
     * Replaces an aggregate if its version is still {@code expectedVersion} (compare-and-set).
     *
     * @param type            the aggregate type
     * @param value           the new state (same id)
     * @param expectedVersion the version that was read
     * @param <T>             the record type
     * @return the stored aggregate with the next version
     * @throws io.learnloop.core.error.ConflictException with {@code VERSION_CONFLICT} if it changed meanwhile, or
     *                                                   {@code DUPLICATE_KEY} if a new unique key is taken
     * @throws io.learnloop.core.error.NotFoundException if absent
     */
    <T> Versioned<T> update(AggregateType<T> type, T value, long expectedVersion);

    /**
     * Deletes an aggregate if its version is still {@code expectedVersion}. Ledgers and grants are never deleted;
     * this is for data the learner owns, such as notes.
     *
     * @param type            the aggregate type
     * @param id              the id
     * @param expectedVersion the version that was read
     * @param <T>             the record type
     */
    <T> void delete(AggregateType<T> type, String id, long expectedVersion);

    /**
     * Writes a domain event to the outbox, in this transaction.
     *
     * @param event the event
     */
    void publish(DomainEvent event);

    /**
     * Adds to a counter (one that does not exist yet starts at zero). The addition is blind: it reads nothing and
     * never conflicts with another unit of work's addition to the same counter, so many writers may count into one
     * total without a compare-and-set and without retries. It is applied at commit, with the rest of the work or not
     * at all; reads of the counter in this unit of work already include it. A record whose value is a sum (a
     * balance, a tally) is kept best this way; a record a decision rests on still needs {@link #update}.
     *
     * @param key   the counter
     * @param delta the amount to add, negative to subtract
     */
    void add(CounterKey key, long delta);

    /**
     * Reads the members of one counter group whose names sort strictly after {@code after}, in name order, at most
     * {@code limit} of them, including this unit of work's own additions. A member that was never added to is
     * absent; one whose additions sum to zero reads as zero.
     *
     * @param family what is counted
     * @param group  whose count
     * @param after  exclusive lower bound on member names (a bare prefix sorts before every name that starts with
     *               it), or null for the first
     * @param limit  the most members to read, 1 to {@value IndexRange#MAX_LIMIT}
     * @return the members and their values
     */
    List<Counter> counters(String family, String group, String after, int limit);
}
