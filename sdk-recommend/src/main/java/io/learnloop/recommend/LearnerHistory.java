package io.learnloop.recommend;

import java.util.Arrays;

/**
 * One learner's row of the {@link InteractionMatrix}: the distinct courses the learner touched (by course index,
 * ascending), with the summed strength, the times of the first and the last interaction and the mask of interaction
 * kinds seen.
 * Rows are replaced, never changed, when the learner does something new.
 *
 * <p>Thread-safe: immutable.
 */
public final class LearnerHistory {
    static final LearnerHistory EMPTY = new LearnerHistory(new int[0], new float[0], new long[0], new long[0], new int[0],
            0, 0);

    private final int[] courses;
    private final float[] strengths;
    private final long[] firstSeen;
    private final long[] lastSeen;
    private final int[] kinds;
    private final int offset;
    private final int length;

    // A view over a slice of shared compressed-sparse-row arrays (or over arrays of its own after an update).
    LearnerHistory(int[] courses, float[] strengths, long[] firstSeen, long[] lastSeen, int[] kinds, int offset,
                   int length) {
        this.courses = courses;
        this.strengths = strengths;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.kinds = kinds;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Returns the empty history (a learner with no interactions).
     *
     * @return the empty history
     */
    public static LearnerHistory empty() {
        return EMPTY;
    }

    /**
     * Returns the number of distinct courses.
     *
     * @return the row length
     */
    public int size() {
        return length;
    }

    /**
     * Returns whether the learner has no interactions.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return length == 0;
    }

    /**
     * Returns the course index at a position of the row.
     *
     * @param position 0 to {@code size() - 1}
     * @return the course index
     */
    public int course(int position) {
        return courses[offset + position];
    }

    /**
     * Returns the summed strength at a position of the row.
     *
     * @param position 0 to {@code size() - 1}
     * @return the strength, not negative
     */
    public float strength(int position) {
        return strengths[offset + position];
    }

    /**
     * Returns the epoch milliseconds of the first interaction at a position of the row: when the learner first
     * touched the course, the order temporal splits and sequence models use.
     *
     * @param position 0 to {@code size() - 1}
     * @return epoch milliseconds
     */
    public long firstSeen(int position) {
        return firstSeen[offset + position];
    }

    /**
     * Returns the epoch milliseconds of the last interaction at a position of the row.
     *
     * @param position 0 to {@code size() - 1}
     * @return epoch milliseconds
     */
    public long lastSeen(int position) {
        return lastSeen[offset + position];
    }

    /**
     * Returns the mask of {@link InteractionKind#bit()} values seen at a position of the row.
     *
     * @param position 0 to {@code size() - 1}
     * @return the mask
     */
    public int kinds(int position) {
        return kinds[offset + position];
    }

    /**
     * Returns the position of a course in the row.
     *
     * @param course the course index
     * @return its position, or a negative number when the learner never touched it
     */
    public int positionOf(int course) {
        int p = Arrays.binarySearch(courses, offset, offset + length, course);
        return p >= 0 ? p - offset : p + offset;
    }

    /**
     * Returns whether the learner touched a course.
     *
     * @param course the course index
     * @return true when the course is in the row
     */
    public boolean contains(int course) {
        return positionOf(course) >= 0;
    }

    /**
     * Returns the approximate heap size of this row.
     *
     * @return bytes
     */
    public long memoryBytes() {
        return 24 + length * (4L + 4 + 8 + 8 + 4);
    }

    LearnerHistory with(int course, float addStrength, long at, int kindBit) {
        int pos = positionOf(course);
        if (pos >= 0) {
            int[] c = Arrays.copyOfRange(courses, offset, offset + length);
            float[] s = Arrays.copyOfRange(strengths, offset, offset + length);
            long[] f = Arrays.copyOfRange(firstSeen, offset, offset + length);
            long[] l = Arrays.copyOfRange(lastSeen, offset, offset + length);
            int[] k = Arrays.copyOfRange(kinds, offset, offset + length);
            s[pos] += addStrength;
            f[pos] = Math.min(f[pos], at);
            l[pos] = Math.max(l[pos], at);
            k[pos] |= kindBit;
            return new LearnerHistory(c, s, f, l, k, 0, length);
        }
        int ins = -pos - 1;
        int n = length;
        int[] c = new int[n + 1];
        float[] s = new float[n + 1];
        long[] f = new long[n + 1];
        long[] l = new long[n + 1];
        int[] k = new int[n + 1];
        System.arraycopy(courses, offset, c, 0, ins);
        System.arraycopy(strengths, offset, s, 0, ins);
        System.arraycopy(firstSeen, offset, f, 0, ins);
        System.arraycopy(lastSeen, offset, l, 0, ins);
        System.arraycopy(kinds, offset, k, 0, ins);
        c[ins] = course;
        s[ins] = addStrength;
        f[ins] = at;
        l[ins] = at;
        k[ins] = kindBit;
        System.arraycopy(courses, offset + ins, c, ins + 1, n - ins);
        System.arraycopy(strengths, offset + ins, s, ins + 1, n - ins);
        System.arraycopy(firstSeen, offset + ins, f, ins + 1, n - ins);
        System.arraycopy(lastSeen, offset + ins, l, ins + 1, n - ins);
        System.arraycopy(kinds, offset + ins, k, ins + 1, n - ins);
        return new LearnerHistory(c, s, f, l, k, 0, n + 1);
    }

    @Override
    public String toString() {
        return "LearnerHistory[size=" + length + "]";
    }
}
