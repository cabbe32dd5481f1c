package io.learnloop.spring.internal;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.event.EventTypes;
import io.learnloop.payment.Payments;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Meters that follow the domain events, with low-cardinality tags only. Events are facts that already happened, not
 * operations to time, so they are counted and their delivery delay recorded directly:
 * <ul>
 *   <li>{@code learnloop.settlements} (counter): {@code provider} of each paid order;</li>
 *   <li>{@code learnloop.refunds} (counter): {@code state} (confirmed, reversed) and {@code provider};</li>
 *   <li>{@code learnloop.access.changes} (counter): {@code change} (granted, revoked, expired);</li>
 *   <li>{@code learnloop.outbox.delivery} (timer): from an event's commit to its delivery to the listeners;</li>
 *   <li>{@code learnloop.outbox.lag} (gauge, seconds): that delay for the last event delivered.</li>
 * </ul>
 * Delivery is at least once: a redelivered event is counted again.
 *
 * <p>Thread-safe.
 */
public final class EventMetrics implements EventListener {
    private final Supplier<MeterRegistry> registries;
    private final Clock clock;
    private final OutboxLag lag;
    private volatile Meters meters;

    /**
     * Creates the listener. The registry is looked up at the first event, so the facade that takes this listener
     * may be built before the meter registry.
     *
     * @param registry supplies the meter registry, or null when there is none
     * @param clock    the facade's clock
     * @param lag      the recorded outbox lag, shown as a gauge
     */
    public EventMetrics(Supplier<MeterRegistry> registry, Clock clock, OutboxLag lag) {
        this.registries = registry;
        this.clock = clock;
        this.lag = lag;
    }

    private Meters meters() {
        Meters m = meters;
        if (m == null) {
            synchronized (this) {
                if (meters == null) {
                    MeterRegistry registry = registries.get();
                    meters = registry == null ? Meters.NONE : new Meters(registry, lag);
                }
                m = meters;
            }
        }
        return m;
    }

    @Override
    public void onEvent(DomainEvent event) {
        Meters m = meters();
        if (m.registry == null) {
            return;
        }
        MeterRegistry registry = m.registry;
        Duration delay = Duration.between(event.occurredAt(), clock.instant());
        m.delivery.record(delay.isNegative() ? Duration.ZERO : delay);
        switch (event.type()) {
            case EventTypes.ORDER_PAID -> registry.counter("learnloop.settlements", "provider", tag(event, "provider"))
                    .increment();
            case Payments.REFUND_CONFIRMED -> refund(registry, event, "confirmed");
            case Payments.REFUND_REVERSED -> refund(registry, event, "reversed");
            case EventTypes.ACCESS_GRANTED -> access(registry, "granted");
            case EventTypes.ACCESS_REVOKED -> access(registry, "revoked");
            case EventTypes.ACCESS_EXPIRED -> access(registry, "expired");
            default -> {
                // other events carry no business metric
            }
        }
    }

    private static void refund(MeterRegistry registry, DomainEvent event, String state) {
        registry.counter("learnloop.refunds", "state", state, "provider", tag(event, "provider")).increment();
    }

    private static void access(MeterRegistry registry, String decision) {
        registry.counter("learnloop.access.changes", "change", decision).increment();
    }

    /** The meters registered once a registry is known; {@link #NONE} without one. */
    private static final class Meters {
        static final Meters NONE = new Meters();
        final MeterRegistry registry;
        final Timer delivery;

        private Meters() {
            registry = null;
            delivery = null;
        }

        Meters(MeterRegistry registry, OutboxLag lag) {
            this.registry = registry;
            this.delivery = Timer.builder("learnloop.outbox.delivery")
                    .description("Time from an event's commit to its delivery to the listeners").register(registry);
            Gauge.builder("learnloop.outbox.lag", lag, l -> l.lag().toMillis() / 1000.0).baseUnit("seconds")
                    .description("Delivery delay of the last outbox event delivered").register(registry);
        }
    }

    private static String tag(DomainEvent event, String key) {
        String value = event.data().get(key);
        return value == null ? "none" : value.toLowerCase(Locale.ROOT);
    }
}
