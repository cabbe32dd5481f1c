package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

/**
 * The course x learner transpose of a matrix (compressed sparse columns), with the row strengths.
 *
 * <p>Thread-safe: immutable once built.
 */
public final class Transpose {
    private final int[] start;
    private final int[] learners;
    private final float[] strengths;

    private Transpose(int[] start, int[] learners, float[] strengths) {
        this.start = start;
        this.learners = learners;
        this.strengths = strengths;
    }

    /**
     * Builds the transpose of the matrix's current rows.
     *
     * @param matrix the matrix
     * @return the transpose
     */
    public static Transpose of(InteractionMatrix matrix) {
        int n = matrix.courseCount();
        int m = matrix.learnerCount();
        int[] start = new int[n + 1];
        LearnerHistory[] rows = new LearnerHistory[m];
        for (int u = 0; u < m; u++) {
            rows[u] = matrix.history(u);
            for (int p = 0; p < rows[u].size(); p++) {
                if (rows[u].course(p) < n) {
                    start[rows[u].course(p) + 1]++;
                }
            }
        }
        for (int c = 0; c < n; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = java.util.Arrays.copyOf(start, n);
        int[] learners = new int[start[n]];
        float[] strengths = new float[start[n]];
        for (int u = 0; u < m; u++) {
            LearnerHistory h = rows[u];
            for (int p = 0; p < h.size(); p++) {
                int c = h.course(p);
                if (c < n) {
                    int at = fill[c]++;
                    learners[at] = u;
                    strengths[at] = h.strength(p);
                }
            }
        }
        return new Transpose(start, learners, strengths);
    }

    /**
     * Returns where a course's column starts.
     *
     * @param course the course index, up to the course count (for the end)
     * @return the offset
     */
    public int start(int course) {
        return start[course];
    }

    /**
     * Returns how many learners touched a course.
     *
     * @param course the course index
     * @return the count
     */
    public int count(int course) {
        return start[course + 1] - start[course];
    }

    /**
     * Returns the learner at an offset.
     *
     * @param offset the offset
     * @return the learner index
     */
    public int learner(int offset) {
        return learners[offset];
    }

    /**
     * Returns the strength at an offset.
     *
     * @param offset the offset
     * @return the strength
     */
    public float strength(int offset) {
        return strengths[offset];
    }
}
