package io.learnloop.core.internal.learning;

import io.learnloop.core.learning.Span;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sorted set of disjoint half-open intervals over {@code long}, stored flat as {@code [from0, to0, from1, to1 ...]}.
 * Touching intervals are merged, so the representation of a set is unique and the union is independent of the
 * order intervals are added in.
 *
 * <p>Not thread-safe: mutable, used inside one operation.
 */
public final class SpanSet {
    private long[] bounds;
    private int size;

    /** Creates an empty set. */
    public SpanSet() {
        this.bounds = new long[8];
    }

    /**
     * Creates a set holding the given sorted, disjoint spans.
     *
     * @param spans the spans
     * @return the set
     */
    public static SpanSet of(List<Span> spans) {
        SpanSet set = new SpanSet();
        for (Span s : spans) {
            set.add(s.fromMillis(), s.toMillis());
        }
        return set;
    }

    /**
     * Adds {@code [from, to)}; empty intervals are ignored.
     *
     * @param from start
     * @param to   end
     */
    public void add(long from, long to) {
        if (to <= from) {
            return;
        }
        int n = size / 2;
        // first interval whose end is >= from (it touches or follows the new one)
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[2 * mid + 1] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int first = lo;
        int last = first;
        long newFrom = from;
        long newTo = to;
        while (last < n && bounds[2 * last] <= to) {
            newFrom = Math.min(newFrom, bounds[2 * last]);
            newTo = Math.max(newTo, bounds[2 * last + 1]);
            last++;
        }
        int removed = last - first;
        int newSize = size + 2 - 2 * removed;
        if (newSize > bounds.length) {
            bounds = Arrays.copyOf(bounds, Math.max(newSize, bounds.length * 2));
        }
        System.arraycopy(bounds, 2 * last, bounds, 2 * first + 2, size - 2 * last);
        bounds[2 * first] = newFrom;
        bounds[2 * first + 1] = newTo;
        size = newSize;
    }

    /**
     * The total length covered.
     *
     * @return the measure
     */
    public long measure() {
        long total = 0;
        for (int i = 0; i < size; i += 2) {
            total += bounds[i + 1] - bounds[i];
        }
        return total;
    }

    /**
     * The parts of {@code [from, to)} not yet covered, in order, written flat into {@code out}.
     *
     * @param from start
     * @param to   end
     * @param out  receives {@code from, to} pairs; cleared first
     */
    public void uncovered(long from, long to, LongList out) {
        out.clear();
        long cursor = from;
        for (int i = 0; i < size && cursor < to; i += 2) {
            long a = bounds[i];
            long b = bounds[i + 1];
            if (b <= cursor) {
                continue;
            }
            if (a >= to) {
                break;
            }
            if (a > cursor) {
                out.add(cursor);
                out.add(a);
            }
            cursor = Math.max(cursor, b);
        }
        if (cursor < to) {
            out.add(cursor);
            out.add(to);
        }
    }

    /**
     * The set as spans.
     *
     * @return sorted, disjoint spans
     */
    public List<Span> toSpans() {
        List<Span> spans = new ArrayList<>(size / 2);
        for (int i = 0; i < size; i += 2) {
            spans.add(new Span(bounds[i], bounds[i + 1]));
        }
        return spans;
    }

    /** A growable list of primitive longs. Not thread-safe. */
    public static final class LongList {
        private long[] values = new long[8];
        private int size;

        /**
         * Appends a value.
         *
         * @param v the value
         */
        public void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        /**
         * Reads a value.
         *
         * @param i the index
         * @return the value
         */
        public long get(int i) {
            return values[i];
        }

        /**
         * The number of values.
         *
         * @return the size
         */
        public int size() {
            return size;
        }

        /** Removes every value. */
        public void clear() {
            size = 0;
        }
    }
}
