package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;


/**
 * Item-based k-nearest neighbours on binary interactions: cosine similarity with shrinkage,
 * {@code co(i,j) / (sqrt(n_i) * sqrt(n_j) + shrink)}, keeping each course's top-k neighbours. A learner's score for
 * a course is the sum of its similarities to the learner's courses (not a rating-weighted average, which ranks
 * one-rating courses first on enrolment-like data).
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class ItemKnnModel extends NeighbourModel {

    /**
     * Trains the model.
     *
     * @param matrix     the matrix
     * @param catalogue  the catalogue
     * @param neighbours neighbours kept per course, at least 1
     * @param shrinkage  the shrinkage term, at least 0
     */
    public ItemKnnModel(InteractionMatrix matrix, Catalogue catalogue, int neighbours, double shrinkage) {
        super(matrix, catalogue, lists(matrix, neighbours, shrinkage));
    }

    private static NeighbourLists lists(InteractionMatrix matrix, int neighbours, double shrinkage) {
        int n = matrix.courseCount();
        Transpose t = Transpose.of(matrix);
        double[] norm = new double[n];
        for (int c = 0; c < n; c++) {
            norm[c] = Math.sqrt(t.count(c));
        }
        return NeighbourLists.build(n, neighbours, (i, row, touched) -> {
            int count = 0;
            for (int p = t.start(i); p < t.start(i + 1); p++) {
                LearnerHistory h = matrix.history(t.learner(p));
                for (int q = 0; q < h.size(); q++) {
                    int j = h.course(q);
                    if (j != i && j < n) {
                        if (row[j] == 0) {
                            touched[count++] = j;
                        }
                        row[j]++;
                    }
                }
            }
            for (int x = 0; x < count; x++) {
                int j = touched[x];
                row[j] = (float) (row[j] / (norm[i] * norm[j] + shrinkage));
            }
            return count;
        });
    }

    @Override
    public String name() {
        return "item-knn";
    }
}
