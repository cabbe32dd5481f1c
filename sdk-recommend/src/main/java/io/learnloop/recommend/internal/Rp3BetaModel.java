package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

/**
 * RP3beta (Christoffel, Paudel, Newell and Bernstein 2015; Paudel et al. 2017): a three-step random walk
 * course → learner → course on the binary interaction graph, each transition probability raised to {@code alpha},
 * with the landing course's probability divided by its degree to the power {@code beta} to lift courses outside the
 * head. Computed exactly, not by sampling: {@code W(i, j) = sum over learners u of i and j of deg(u)^-alpha},
 * times {@code deg(j)^-beta}; each course keeps its top-k neighbours, rows scaled to sum to 1. A learner's score for
 * a course is the sum of the weights from the learner's courses.
 *
 * <p>Training takes O(sum over learners of row length squared) time, like item-kNN; the model keeps 8 bytes per
 * neighbour.
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class Rp3BetaModel extends NeighbourModel {

    /**
     * Trains the model.
     *
     * @param matrix     the matrix
     * @param catalogue  the catalogue
     * @param neighbours neighbours kept per course, at least 1
     * @param alpha      the exponent of the transition probabilities, above 0
     * @param beta       the popularity penalty exponent, at least 0
     */
    public Rp3BetaModel(InteractionMatrix matrix, Catalogue catalogue, int neighbours, double alpha, double beta) {
        super(matrix, catalogue, lists(matrix, neighbours, alpha, beta));
    }

    private static NeighbourLists lists(InteractionMatrix matrix, int neighbours, double alpha, double beta) {
        int n = matrix.courseCount();
        Transpose t = Transpose.of(matrix);
        float[] learnerStep = new float[matrix.learnerCount()];
        for (int u = 0; u < learnerStep.length; u++) {
            int degree = matrix.history(u).size();
            learnerStep[u] = degree == 0 ? 0f : (float) Math.pow(degree, -alpha);
        }
        float[] penalty = new float[n];
        for (int c = 0; c < n; c++) {
            penalty[c] = t.count(c) == 0 ? 0f : (float) Math.pow(t.count(c), -beta);
        }
        // The first step's factor deg(i)^-alpha is the same for the whole row i, so the row scaling removes it.
        return NeighbourLists.build(n, neighbours, (i, row, touched) -> {
            int count = 0;
            for (int p = t.start(i); p < t.start(i + 1); p++) {
                int u = t.learner(p);
                LearnerHistory h = matrix.history(u);
                float step = learnerStep[u];
                for (int q = 0; q < h.size(); q++) {
                    int j = h.course(q);
                    if (j != i && j < n) {
                        if (row[j] == 0) {
                            touched[count++] = j;
                        }
                        row[j] += step;
                    }
                }
            }
            for (int x = 0; x < count; x++) {
                row[touched[x]] *= penalty[touched[x]];
            }
            return count;
        }).rowNormalised();
    }

    @Override
    public String name() {
        return "rp3beta";
    }
}
