package io.learnloop.spring.internal;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How late the outbox delivers: the time from an event's commit to its delivery to the listeners, for the last event
 * delivered. The store SPI offers no count of pending events, so a relay that stopped shows as a lag that no longer
 * changes together with {@link #lastDelivery()} falling behind.
 *
 * <p>Thread-safe.
 */
public final class OutboxLag implements EventListener {
    private final Clock clock;
    private final AtomicReference<Sample> last = new AtomicReference<>();

    /**
     * Creates the recorder.
     *
     * @param clock the clock of the Learnloop facade
     */
    public OutboxLag(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onEvent(DomainEvent event) {
        Instant now = clock.instant();
        Duration lag = Duration.between(event.occurredAt(), now);
        last.set(new Sample(lag.isNegative() ? Duration.ZERO : lag, now));
    }

    /**
     * The lag of the last delivered event.
     *
     * @return the lag, zero before the first delivery
     */
    public Duration lag() {
        Sample s = last.get();
        return s == null ? Duration.ZERO : s.lag;
    }

    /**
     * When the last event was delivered.
     *
     * @return the instant, or null before the first delivery
     */
    public Instant lastDelivery() {
        Sample s = last.get();
        return s == null ? null : s.at;
    }

    private record Sample(Duration lag, Instant at) {
    }
}
