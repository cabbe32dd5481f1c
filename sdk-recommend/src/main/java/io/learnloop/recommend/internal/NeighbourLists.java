package io.learnloop.recommend.internal;

import io.learnloop.recommend.LearnerHistory;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A sparse course x course weight matrix kept as each course's top-k neighbours (compressed rows, neighbours in
 * ascending course order), the shape shared by item-kNN, RP3beta and the sequence model: a learner's score for a
 * course is the sum of the weights from the learner's courses to it.
 *
 * <p>Thread-safe: immutable once built.
 */
final class NeighbourLists {
    /** Fills one course's dense weight row; called once per course, from several threads at once. */
    interface RowBuilder {
        /**
         * Writes the weights from course {@code i} to every other course into {@code out}.
         *
         * @param i       the course
         * @param out     the row, zeroed, one entry per course
         * @param touched receives the courses written, in any order
         * @return how many entries of {@code touched} were filled
         */
        int row(int i, float[] out, int[] touched);
    }

    private final int[] start;
    private final int[] neighbour;
    private final float[] weight;

    private NeighbourLists(int[] start, int[] neighbour, float[] weight) {
        this.start = start;
        this.neighbour = neighbour;
        this.weight = weight;
    }

    /**
     * Builds the lists, keeping each course's {@code k} largest positive weights.
     *
     * @param n       the course count
     * @param k       neighbours kept per course
     * @param builder fills each course's row
     * @return the lists
     */
    static NeighbourLists build(int n, int k, RowBuilder builder) {
        int[][] nbr = new int[n][];
        float[][] sim = new float[n][];
        int block = 64;
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
            float[] row = new float[n];
            int[] touched = new int[n];
            for (int i = b * block; i < Math.min(n, (b + 1) * block); i++) {
                int count = builder.row(i, row, touched);
                float[] s = new float[count];
                for (int x = 0; x < count; x++) {
                    s[x] = touched[x] == i ? 0f : row[touched[x]];
                    row[touched[x]] = 0f;
                }
                int[] top = TopK.select(s, Math.min(k, count), 0f, true);
                int[] ids = new int[top.length];
                for (int x = 0; x < top.length; x++) {
                    ids[x] = touched[top[x]];
                }
                Arrays.sort(ids);
                float[] ts = new float[ids.length];
                for (int x : top) {
                    ts[Arrays.binarySearch(ids, touched[x])] = s[x];
                }
                nbr[i] = ids;
                sim[i] = ts;
            }
        });
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + nbr[i].length;
        }
        int[] neighbour = new int[start[n]];
        float[] weight = new float[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(nbr[i], 0, neighbour, start[i], nbr[i].length);
            System.arraycopy(sim[i], 0, weight, start[i], sim[i].length);
        }
        return new NeighbourLists(start, neighbour, weight);
    }

    /**
     * Returns a copy whose rows each sum to 1 (rows without weight stay empty).
     *
     * @return the normalised lists
     */
    NeighbourLists rowNormalised() {
        float[] w = weight.clone();
        for (int i = 0; i + 1 < start.length; i++) {
            double sum = 0;
            for (int x = start[i]; x < start[i + 1]; x++) {
                sum += w[x];
            }
            if (sum > 0) {
                for (int x = start[i]; x < start[i + 1]; x++) {
                    w[x] = (float) (w[x] / sum);
                }
            }
        }
        return new NeighbourLists(start, neighbour, w);
    }

    /**
     * Returns the course count.
     *
     * @return n
     */
    int courses() {
        return start.length - 1;
    }

    /**
     * Adds each row course's weights, times the row weight, to the scores.
     *
     * @param history    the learner's row
     * @param rowWeights one weight per row position, or null for 1
     * @param scores     the scores to add to
     */
    void score(LearnerHistory history, float[] rowWeights, float[] scores) {
        int n = courses();
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i >= n) {
                continue;
            }
            float w = rowWeights == null ? 1f : rowWeights[p];
            for (int x = start[i]; x < start[i + 1]; x++) {
                scores[neighbour[x]] += w * weight[x];
            }
        }
    }

    /**
     * Returns the position in the row of the course with the largest weight to a course.
     *
     * @param history the learner's row
     * @param course  the course
     * @return the position, or -1 when no row course links to it
     */
    int strongest(LearnerHistory history, int course) {
        int best = -1;
        float bestWeight = 0;
        int n = courses();
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i >= n) {
                continue;
            }
            int x = Arrays.binarySearch(neighbour, start[i], start[i + 1], course);
            if (x >= 0 && weight[x] > bestWeight) {
                bestWeight = weight[x];
                best = p;
            }
        }
        return best;
    }

    /**
     * Returns the approximate heap size.
     *
     * @return bytes
     */
    long memoryBytes() {
        return 48 + start.length * 4L + neighbour.length * 8L;
    }
}
