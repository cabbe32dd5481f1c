package io.learnloop.core.learning;

/**
 * A half-open stretch {@code [fromMillis, toMillis)} of media time, in milliseconds.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param fromMillis start, inclusive
 * @param toMillis   end, exclusive
 */
public record Span(long fromMillis, long toMillis) {
    /**
     * The span's length.
     *
     * @return milliseconds covered
     */
    public long length() {
        return toMillis - fromMillis;
    }
}
