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
    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer delivery;

    /**
     * Registers the meters.
     *
     * @param registry the meter registry
     * @param clock    the facade's clock
     * @param lag      the recorded outbox lag, shown as a gauge
     */
    public EventMetrics(MeterRegistry registry, Clock clock, OutboxLag lag) {
        this.registry = registry;
        this.clock = clock;
        this.delivery = Timer.builder("learnloop.outbox.delivery")
                .description("Time from an event's commit to its delivery to the listeners").register(registry);
        Gauge.builder("learnloop.outbox.lag", lag, l -> l.lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("Delivery delay of the last outbox event delivered").register(registry);
    }

    @Override
    public void onEvent(DomainEvent event) {
        Duration delay = Duration.between(event.occurredAt(), clock.instant());
        delivery.record(delay.isNegative() ? Duration.ZERO : delay);
        switch (event.type()) {
            case EventTypes.ORDER_PAID -> registry.counter("learnloop.settlements", "provider", tag(event, "provider"))
                    .increment();
            case Payments.REFUND_CONFIRMED -> refund(event, "confirmed");
            case Payments.REFUND_REVERSED -> refund(event, "reversed");
            case EventTypes.ACCESS_GRANTED -> access("granted");
            case EventTypes.ACCESS_REVOKED -> access("revoked");
            case EventTypes.ACCESS_EXPIRED -> access("expired");
            default -> {
                // other events carry no business metric
            }
        }
    }

    private void refund(DomainEvent event, String state) {
        registry.counter("learnloop.refunds", "state", state, "provider", tag(event, "provider")).increment();
    }

    private void access(String decision) {
        registry.counter("learnloop.access.changes", "change", decision).increment();
    }

    private static String tag(DomainEvent event, String key) {
        String value = event.data().get(key);
        return value == null ? "none" : value.toLowerCase(Locale.ROOT);
    }
}
