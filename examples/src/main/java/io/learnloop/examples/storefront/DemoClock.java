package io.learnloop.examples.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storefront's clock: the system clock plus an offset that only grows. The demo has no real video, so when a
 * learner presses "watch 60 seconds" the storefront moves this clock forward by the watched time before reporting
 * the segment; the progress rules (no more new coverage than wall-clock time allows) then judge the report exactly as
 * they would judge a real player's. A report that claims coverage without time passing is still refused.
 *
 * <p>Thread-safe: the offset is atomic.
 */
final class DemoClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final Path offsetFile;

    /**
     * Creates the clock.
     *
     * @param base       the real clock
     * @param offsetFile where the offset is kept between runs (beside the embedded database), or null
     */
    DemoClock(Clock base, Path offsetFile) {
        this.base = base;
        this.offsetFile = offsetFile;
        if (offsetFile != null && Files.exists(offsetFile)) {
            try {
                offsetMillis.set(Long.parseLong(Files.readString(offsetFile).trim()));
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("cannot read the demo clock's offset from " + offsetFile
                        + "; delete the file to start the clock afresh", e);
            }
        }
    }

    /**
     * Lets time pass on the demo clock.
     *
     * @param amount how much, not negative
     */
    void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the demo clock never goes back (was " + amount + ")");
        }
        long now = offsetMillis.addAndGet(amount.toMillis());
        if (offsetFile != null) {
            // stored data keeps its time stamps across a restart, so the clock must not fall back behind them
            synchronized (this) {
                try {
                    Files.writeString(offsetFile, Long.toString(Math.max(now, offsetMillis.get())));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot keep the demo clock's offset in " + offsetFile, e);
                }
            }
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo clock runs in UTC only");
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }
}
