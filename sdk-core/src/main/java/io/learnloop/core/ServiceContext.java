package io.learnloop.core;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.internal.store.ConflictRetry;
import io.learnloop.core.store.Store;
import io.learnloop.core.internal.store.IndexedValues;
import io.learnloop.core.internal.store.PublishWatch;
import io.learnloop.core.store.UnitOfWork;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * What every service of every module needs from the facade: the store bound to one tenant, the clock, the id
 * generator, and event delivery after each commit. Services of other modules ({@code sdk-payment},
 * {@code sdk-community} ...) are built from {@link Learnloop#context()}.
 *
 * <p>Thread-safe: immutable.
 */
public final class ServiceContext {
    private final Store store;
    private final TenantId tenant;
    private final Clock clock;
    private final IdGenerator ids;
    private final Runnable afterCommit;

    ServiceContext(Store store, TenantId tenant, Clock clock, IdGenerator ids, Runnable afterCommit) {
        this.store = store;
        this.tenant = tenant;
        this.clock = clock;
        this.ids = ids;
        this.afterCommit = afterCommit;
    }

    /**
     * Runs work in one transaction of this tenant, then delivers the events it published.
     *
     * @param work the work
     * @param <R>  the result type
     * @return what the work returned
     */
    public <R> R transact(Function<UnitOfWork, R> work) {
        boolean[] published = {false};
        R result = store.transact(tenant, uow -> {
            if (uow instanceof IndexedValues) {
                // the in-memory store: looking for events costs nothing, and its fast reads stay visible
                published[0] = true;
                return work.apply(uow);
            }
            PublishWatch watch = new PublishWatch(uow);
            R r = work.apply(watch);
            published[0] = watch.published();
            return r;
        });
        if (published[0]) {
            afterCommit.run();
        }
        return result;
    }

    /**
     * Runs work like {@link #transact}, and runs it again when it lost a race: another writer changed a record it
     * read ({@code VERSION_CONFLICT}) or inserted a unique key it meant to insert ({@code DUPLICATE_KEY}). Each lost
     * race means another writer committed, so the work, which must read the state it changes, soon runs alone. Up to
     * 64 attempts are made, with a short random pause between them; the last conflict is then thrown.
     *
     * @param work the work; it may run several times, so it must not act outside the unit of work
     * @param <R>  the result type
     * @return what the successful run returned
     */
    public <R> R transactRetrying(Function<UnitOfWork, R> work) {
        return ConflictRetry.onConflict(() -> transact(work));
    }

    /**
     * Runs read-only work.
     *
     * @param work the work
     * @param <R>  the result type
     * @return what the work returned
     */
    public <R> R read(Function<UnitOfWork, R> work) {
        return store.read(tenant, work);
    }

    /**
     * Makes an event stamped with a new id and the clock's instant.
     *
     * @param type        the event type
     * @param aggregateId the changed aggregate
     * @param data        the attributes
     * @return the event, ready for {@link UnitOfWork#publish(DomainEvent)}
     */
    public DomainEvent event(String type, String aggregateId, Map<String, String> data) {
        return new DomainEvent(ids.newId(), tenant, type, aggregateId, clock.instant(), data);
    }

    /**
     * The store.
     *
     * @return the store
     */
    public Store store() {
        return store;
    }

    /**
     * The tenant.
     *
     * @return the tenant
     */
    public TenantId tenant() {
        return tenant;
    }

    /**
     * The clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The current instant of the clock.
     *
     * @return now
     */
    public Instant now() {
        return clock.instant();
    }

    /**
     * The id generator.
     *
     * @return the generator
     */
    public IdGenerator ids() {
        return ids;
    }

    /**
     * A new id.
     *
     * @return the id
     */
    public String newId() {
        return ids.newId();
    }
}
