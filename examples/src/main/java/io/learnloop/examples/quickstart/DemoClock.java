package io.learnloop.examples.quickstart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's clock: it stands still until the story moves it on, so weeks of platform life pass in seconds and
 * every number the demo prints is the same on every run. It only moves forward.
 *
 * <p>Thread-safe.
 */
public final class DemoClock extends Clock {
    private final AtomicReference<Instant> now;

    /**
     * Starts the clock.
     *
     * @param start the first instant
     */
    public DemoClock(Instant start) {
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
            throw new IllegalArgumentException("the demo clock only moves forward (step " + step + ")");
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    /**
     * Moves the clock to an instant, if that is later than now.
     *
     * @param instant the instant
     * @return the new instant
     */
    public Instant advanceTo(Instant instant) {
        return now.updateAndGet(t -> instant.isAfter(t) ? instant : t);
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
        throw new UnsupportedOperationException("the demo clock runs in UTC");
    }
}
