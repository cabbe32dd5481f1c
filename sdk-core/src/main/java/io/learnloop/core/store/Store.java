package io.learnloop.core.store;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The persistence SPI: everything the SDK keeps goes through a store. Implementations: the in-memory store
 * ({@link Stores#inMemory()}) and the JDBC stores of {@code sdk-jdbc}. Every implementation passes the same
 * contract test suite.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Store {
    /**
     * Runs {@code work} in one transaction scoped to {@code tenant}. Commits when it returns; keeps nothing when it
     * throws (the exception propagates).
     *
     * @param tenant the tenant
     * @param work   the work
     * @param <R>    the result type
     * @return what the work returned
     */
    <R> R transact(TenantId tenant, Function<UnitOfWork, R> work);

    /**
     * Runs read-only {@code work}. Implementations may run it without a write transaction; the work must not write.
     *
     * @param tenant the tenant
     * @param work   the work
     * @param <R>    the result type
     * @return what the work returned
     */
    default <R> R read(TenantId tenant, Function<UnitOfWork, R> work) {
        return transact(tenant, work);
    }

    /**
     * Claims up to {@code limit} undelivered outbox events of a tenant for one relay, oldest first. A claimed event
     * is not handed to another relay until the lease ends, so relays on several hosts share the work.
     *
     * @param tenant the tenant
     * @param relay  the claiming relay's id
     * @param limit  the most events to claim
     * @param now    the current instant
     * @param lease  how long the claim holds
     * @return the claimed events
     */
    List<DomainEvent> claimOutbox(TenantId tenant, String relay, int limit, Instant now, Duration lease);

    /**
     * Marks claimed events delivered, so no relay hands them out again.
     *
     * @param tenant      the tenant
     * @param eventIds    the delivered events' ids
     * @param deliveredAt when, by the relay's clock (the facade's): pruning measures retention on the same clock
     */
    void markDelivered(TenantId tenant, List<String> eventIds, Instant deliveredAt);

    /**
     * Deletes up to {@code limit} of a tenant's outbox events that were delivered before {@code deliveredBefore},
     * oldest first. A store keeps delivered events for a while so that a late re-publish of the same event id is
     * still recognised as a duplicate; the facade's scheduled jobs prune them after the configured retention.
     *
     * @param tenant          the tenant
     * @param deliveredBefore the cut-off
     * @param limit           the most events to delete in this call
     * @return how many were deleted
     */
    int pruneDelivered(TenantId tenant, Instant deliveredBefore, int limit);

    /**
     * Rewrites a tenant's outbox events, delivered or not, that a function changes: how a learner's erasure removes
     * their id from events still kept. Each event keeps its id, place and delivery state. Events are read a batch
     * at a time, so the cost grows with what the outbox keeps (bounded by the retention), never all at once.
     *
     * @param tenant  the tenant
     * @param rewrite returns the event itself when it has nothing to change, else its replacement (same id)
     * @return how many events were rewritten
     */
    int rewriteOutbox(TenantId tenant, UnaryOperator<DomainEvent> rewrite);

    /**
     * Rebuilds the index entries of one batch of a tenant's aggregates of a type, in id order after {@code afterId}:
     * what makes aggregates written before their type gained an index (or changed an index's keys) findable through
     * it. An update does not do it, since it diffs the keys of the new value against those the same key functions
     * give for the stored one. Each aggregate keeps its body and version; its entries under the type's current
     * indexes are written (again), in one transaction per batch, so a run can stop and resume from the id it returned.
     * Entries an earlier definition left behind are never read (every lookup checks the aggregate still holds the
     * key). Unique keys are not rebuilt. {@link Stores#reindex} runs every batch.
     *
     * <p>The in-memory store indexes each aggregate when it is written and starts empty, so it has nothing to rebuild:
     * its implementation (this default) answers null.
     *
     * @param tenant  the tenant
     * @param type    the aggregate type, as it is declared now
     * @param afterId the id of the last aggregate of the previous batch, or null to start
     * @param limit   the most aggregates in this batch, 1 to {@value IndexRange#MAX_LIMIT}
     * @return the id of this batch's last aggregate, to pass as {@code afterId}; null when no aggregate was left
     */
    default String reindex(TenantId tenant, AggregateType<?> type, String afterId, int limit) {
        return null;
    }
}
