package io.learnloop.examples.learning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the program moves it on, so a learner's minutes of watching pass at once. Progress
 * is believed only as fast as time passes between a player's reports; a host passes {@code Clock.systemUTC()}, where
 * that time passes by itself.
 *
 * <p>Thread-safe.
 */
public final class StepClock extends Clock {
    private final AtomicReference<Instant> now;

    /**
     * Starts the clock.
     *
     * @param start the first instant
     */
    public StepClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * Moves the clock on.
     *
     * @param step how far, not negative
     * @return the new instant
     */
    public Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward (step " + step + ")");
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the step clock runs in UTC");
    }
}
