package io.learnloop.core.learning;

/**
 * One stretch of media the client says it played.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param fromSecond   where playback started, in seconds of media time (not negative)
 * @param toSecond     where it stopped (after {@code fromSecond}); parts beyond the lesson's end are clipped
 * @param playbackRate the speed it played at (1.0 is normal), above 0 and at most 16
 */
public record WatchedSegment(double fromSecond, double toSecond, double playbackRate) {
    /**
     * A segment played at normal speed.
     *
     * @param fromSecond start
     * @param toSecond   end
     * @return the segment
     */
    public static WatchedSegment of(double fromSecond, double toSecond) {
        return new WatchedSegment(fromSecond, toSecond, 1.0);
    }

    /**
     * Whether the segment is well formed: a finite, non-negative start, an end after it, and a playback rate above
     * 0 and at most {@code maxRate}.
     *
     * @param maxRate the highest rate accepted
     * @return true if well formed
     */
    public boolean isPlausible(double maxRate) {
        return Double.isFinite(fromSecond) && fromSecond >= 0 && Double.isFinite(toSecond) && toSecond > fromSecond
                && Double.isFinite(playbackRate) && playbackRate > 0 && playbackRate <= maxRate;
    }
}
