package io.learnloop.core.internal.event;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves committed outbox events to the listeners: claim a batch, hand each event to every listener, mark the batch
 * delivered. An event whose listener throws stays in the outbox and is handed out again once its lease ends.
 *
 * <p>Thread-safe. One thread delivers at a time; a call made while another thread delivers returns at once and the
 * delivering thread picks up the new events, so listeners that write (and so publish) never recurse.
 */
public final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 256;

    private final Store store;
    private final TenantId tenant;
    private final Clock clock;
    private final String relayId;
    private final List<EventListener> listeners;
    private final Duration lease;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean pending = new AtomicBoolean();

    /**
     * Creates a relay.
     *
     * @param store     the store
     * @param tenant    the tenant whose events it delivers
     * @param clock     the clock
     * @param relayId   this relay's id (unique per host instance)
     * @param listeners the listeners
     * @param lease     how long a claim holds
     */
    public OutboxRelay(Store store, TenantId tenant, Clock clock, String relayId, List<EventListener> listeners,
                       Duration lease) {
        this.store = store;
        this.tenant = tenant;
        this.clock = clock;
        this.relayId = relayId;
        this.listeners = List.copyOf(listeners);
        this.lease = lease;
    }

    /**
     * Delivers every pending event.
     *
     * @return how many events were delivered by this call
     */
    public int deliverPending() {
        if (listeners.isEmpty()) {
            return drainWithoutListeners();
        }
        pending.set(true);
        int delivered = 0;
        while (pending.get()) {
            if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
                return delivered;
            }
            Drained drained;
            try {
                pending.set(false);
                drained = drain();
                delivered += drained.delivered();
            } finally {
                lock.unlock();
            }
            if (drained.failed()) {
                // A relay claims again what it holds, so draining once more would hand the failed event straight
                // back to its listener (for ever, if the listener writes before it throws: each write announces
                // more). Failed events wait for their lease to end; the next call delivers the rest.
                return delivered;
            }
        }
        return delivered;
    }

    /** What one drain did: events delivered, and whether a listener failed. */
    private record Drained(int delivered, boolean failed) {
    }

    private Drained drain() {
        int delivered = 0;
        while (true) {
            List<DomainEvent> batch = store.claimOutbox(tenant, relayId, BATCH, clock.instant(), lease);
            if (batch.isEmpty()) {
                return new Drained(delivered, false);
            }
            List<String> done = new ArrayList<>(batch.size());
            for (DomainEvent event : batch) {
                if (deliver(event)) {
                    done.add(event.id());
                }
            }
            store.markDelivered(tenant, done, clock.instant());
            delivered += done.size();
            if (done.size() < batch.size()) {
                return new Drained(delivered, true); // failed events wait for their lease to end
            }
            if (batch.size() < BATCH) {
                // the outbox held no more when claimed; events committed since are announced by the call that
                // committed them (see deliverPending), so looking again would only cost a transaction
                return new Drained(delivered, false);
            }
        }
    }

    private boolean deliver(DomainEvent event) {
        boolean ok = true;
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                ok = false;
                LOG.warn("Listener {} failed on event {} ({}); it will be delivered again", listener.getClass().getName(),
                        event.id(), event.type(), e);
            }
        }
        return ok;
    }

    private int drainWithoutListeners() {
        int n = 0;
        while (true) {
            List<DomainEvent> batch = store.claimOutbox(tenant, relayId, BATCH, clock.instant(), lease);
            if (batch.isEmpty()) {
                return n;
            }
            store.markDelivered(tenant, batch.stream().map(DomainEvent::id).toList(), clock.instant());
            n += batch.size();
        }
    }
}
