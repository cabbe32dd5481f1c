package io.learnloop.spring.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;

/**
 * The outbox's delivery lag ({@link OutboxLag}): DOWN when the last event was delivered later than the threshold after
 * it was committed (listeners fail or the relay falls behind).
 *
 * <p>Thread-safe.
 */
public final class OutboxHealthIndicator implements HealthIndicator {
    private final OutboxLag lag;
    private final Duration threshold;

    /**
     * Creates the indicator.
     *
     * @param lag       the recorded lag
     * @param threshold the largest healthy lag
     */
    public OutboxHealthIndicator(OutboxLag lag, Duration threshold) {
        this.lag = lag;
        this.threshold = threshold;
    }

    @Override
    public Health health() {
        Duration current = lag.lag();
        Health.Builder b = current.compareTo(threshold) > 0 ? Health.down() : Health.up();
        b.withDetail("lag", current.toString()).withDetail("threshold", threshold.toString());
        if (lag.lastDelivery() != null) {
            b.withDetail("lastDelivery", lag.lastDelivery().toString());
        }
        return b.build();
    }
}
