package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.Arrays;

/**
 * What learners take next: a first-order transition model over the order in which learners start courses. Each
 * learner's courses are put in order of first touch; course {@code i} earns weight {@code 1 / gap} towards each of
 * the next {@link #WINDOW} courses that learner started after it ({@code gap} = 1 for the very next one). Each course
 * keeps its strongest neighbours with rows scaled to sum to 1, so a row reads as "after this course, learners went
 * on to ...". A learner's score weights their own courses by recency of start, halving per step back
 * ({@link #DECAY}), so the latest course speaks loudest; a row weighting supplied by the hybrid multiplies in.
 *
 * <p>Training takes O(nnz log r + nnz {@link #WINDOW}) time for nnz learner-course pairs and rows of length r; the
 * model keeps 8 bytes per neighbour, like item-kNN.
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class SequenceModel extends NeighbourModel {
    /** How many later courses of a learner each course links to. */
    static final int WINDOW = 3;
    /** The factor a learner's course weighs less for each course they started after it. */
    static final float DECAY = 0.5f;
    /** Next courses kept per course; a window of three rarely reaches this many. */
    public static final int NEIGHBOURS = 100;

    /**
     * Trains the model.
     *
     * @param matrix     the matrix
     * @param catalogue  the catalogue
     * @param neighbours neighbours kept per course, at least 1
     */
    public SequenceModel(InteractionMatrix matrix, Catalogue catalogue, int neighbours) {
        super(matrix, catalogue, lists(matrix, neighbours));
    }

    private static NeighbourLists lists(InteractionMatrix matrix, int neighbours) {
        int n = matrix.courseCount();
        int m = matrix.learnerCount();
        // order[u][r] = the row position of learner u's r-th course by first touch; rank[u][p] its inverse.
        int[][] order = new int[m][];
        int[][] rank = new int[m][];
        for (int u = 0; u < m; u++) {
            LearnerHistory h = matrix.history(u);
            order[u] = startOrder(h);
            rank[u] = new int[h.size()];
            for (int r = 0; r < order[u].length; r++) {
                rank[u][order[u][r]] = r;
            }
        }
        Transpose t = Transpose.of(matrix);
        return NeighbourLists.build(n, neighbours, (i, row, touched) -> {
            int count = 0;
            for (int x = t.start(i); x < t.start(i + 1); x++) {
                int u = t.learner(x);
                LearnerHistory h = matrix.history(u);
                int p = h.positionOf(i);
                if (p < 0) {
                    continue;
                }
                int[] o = order[u];
                for (int gap = 1; gap <= WINDOW && rank[u][p] + gap < o.length; gap++) {
                    int j = h.course(o[rank[u][p] + gap]);
                    if (j == i || j >= n) {
                        continue;
                    }
                    if (row[j] == 0) {
                        touched[count++] = j;
                    }
                    row[j] += 1f / gap;
                }
            }
            return count;
        }).rowNormalised();
    }

    /** Row positions in order of first touch; ties keep the row's own (course index) order. */
    static int[] startOrder(LearnerHistory h) {
        Integer[] boxed = new Integer[h.size()];
        for (int p = 0; p < boxed.length; p++) {
            boxed[p] = p;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(h.firstSeen(a), h.firstSeen(b)));
        int[] out = new int[boxed.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = boxed[r];
        }
        return out;
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] rowWeights, float[] scores) {
        if (history.isEmpty()) {
            return false;
        }
        int[] o = startOrder(history);
        float[] w = new float[history.size()];
        float step = 1f;
        for (int r = o.length - 1; r >= 0; r--) {
            int p = o[r];
            w[p] = step * (rowWeights == null ? 1f : rowWeights[p]);
            step *= DECAY;
        }
        return super.score(history, learner, w, scores);
    }

    @Override
    public String name() {
        return "sequence";
    }
}
