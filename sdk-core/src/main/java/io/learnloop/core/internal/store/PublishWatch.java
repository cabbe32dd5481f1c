package io.learnloop.core.internal.store;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.List;
import java.util.Optional;

/**
 * A unit of work that notes whether the work published an event, so a transaction that published nothing does not
 * make the facade look for events to deliver (on a database, a transaction of its own).
 *
 * <p>Not thread-safe: used by the one thread running the work function.
 */
public final class PublishWatch implements UnitOfWork {
    private final UnitOfWork delegate;
    private boolean published;

    /**
     * Watches a unit of work.
     *
     * @param delegate the store's unit of work
     */
    public PublishWatch(UnitOfWork delegate) {
        this.delegate = delegate;
    }

    /**
     * Whether the work published an event.
     *
     * @return true once {@link #publish} was called
     */
    public boolean published() {
        return published;
    }

    @Override
    public TenantId tenant() {
        return delegate.tenant();
    }

    @Override
    public <T> Optional<Versioned<T>> find(AggregateType<T> type, String id) {
        return delegate.find(type, id);
    }

    @Override
    public <T> List<Versioned<T>> findBy(AggregateType<T> type, String index, String key) {
        return delegate.findBy(type, index, key);
    }

    @Override
    public <T> List<Versioned<T>> findRange(AggregateType<T> type, String index, String key, IndexRange range) {
        return delegate.findRange(type, index, key, range);
    }

    @Override
    public <T> Optional<Versioned<T>> findUnique(AggregateType<T> type, String unique, String key) {
        return delegate.findUnique(type, unique, key);
    }

    @Override
    public <T> List<Versioned<T>> list(AggregateType<T> type, int offset, int limit) {
        return delegate.list(type, offset, limit);
    }

    @Override
    public <T> long count(AggregateType<T> type) {
        return delegate.count(type);
    }

    @Override
    public <T> Versioned<T> insert(AggregateType<T> type, T value) {
        return delegate.insert(type, value);
    }

    @Override
    public <T> Versioned<T> update(AggregateType<T> type, T value, long expectedVersion) {
        return delegate.update(type, value, expectedVersion);
    }

    @Override
    public <T> void delete(AggregateType<T> type, String id, long expectedVersion) {
        delegate.delete(type, id, expectedVersion);
    }

    @Override
    public void publish(DomainEvent event) {
        delegate.publish(event);
        published = true;
    }

    @Override
    public void add(CounterKey key, long delta) {
        delegate.add(key, delta);
    }

    @Override
    public List<Counter> counters(String family, String group, String after, int limit) {
        return delegate.counters(family, group, after, limit);
    }
}
