package io.learnloop.examples.quickstart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The examples' clock: it stands still until the program moves it on, so weeks of platform life (or a learner's
 * minutes of watching) pass at once and every number an example prints is the same on every run. It only moves
 * forward. A host passes {@code Clock.systemUTC()}, where time passes by itself.
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
