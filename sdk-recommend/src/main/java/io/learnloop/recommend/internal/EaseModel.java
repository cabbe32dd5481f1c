package io.learnloop.recommend.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.stream.IntStream;

/**
 * EASE (Steck 2019): a course x course weight matrix in closed form, {@code B = I - P diagMat(1 / diag(P))} with
 * {@code P = (X'X + Lambda)^-1} and a zero diagonal. {@code Lambda = lambda I} is plain EASE; with a dropout share
 * {@code p > 0} it is EDLAE (Steck 2020, "Autoencoders that don't overfit towards the identity"):
 * {@code Lambda = lambda I + p / (1 - p) diagMat(diag(X'X))}, the closed form of training with each input
 * course dropped at rate p, which regularises popular courses more. Training inverts an n x n matrix (O(n^3) time, 8 n^2 bytes
 * while training, 4 n^2 bytes kept), so it suits catalogues up to about 20,000 courses.
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class EaseModel extends ScoringModel {
    /** The largest catalogue EASE accepts. */
    public static final int MAX_COURSES = 20_000;

    private final int n;
    private final float[] weights;

    /**
     * Trains the model.
     *
     * @param matrix    the matrix
     * @param catalogue the catalogue
     * @param lambda    the L2 regularisation, above 0
     * @param dropout   the dropout share p, 0 (plain EASE) up to below 1
     */
    public EaseModel(InteractionMatrix matrix, Catalogue catalogue, double lambda, double dropout) {
        super(matrix, catalogue);
        n = matrix.courseCount();
        if (n > MAX_COURSES) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "EASE needs an n x n matrix and supports at most "
                    + MAX_COURSES + " courses (this matrix has " + n + "); use ALS or item-kNN instead");
        }
        Transpose t = Transpose.of(matrix);
        double[][] g = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] row = new double[n];
            for (int p = t.start(i); p < t.start(i + 1); p++) {
                LearnerHistory h = matrix.history(t.learner(p));
                for (int q = 0; q < h.size(); q++) {
                    if (h.course(q) < n) {
                        row[h.course(q)] += 1;
                    }
                }
            }
            row[i] += lambda + dropout / (1 - dropout) * row[i];
            g[i] = row;
        });
        Linear.invertSymmetricPositiveDefinite(g);
        weights = new float[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] row = g[i];
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0f : (float) (-row[j] / g[j][j]);
            }
        });
    }

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public boolean positiveOnly() {
        return false;
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        return score(history, learner, null, scores);
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] rowWeights, float[] scores) {
        if (history.isEmpty()) {
            return false;
        }
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i >= n) {
                continue;
            }
            float w = rowWeights == null ? 1f : rowWeights[p];
            int base = i * n;
            for (int j = 0; j < n; j++) {
                scores[j] += w * weights[base + j];
            }
        }
        return true;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        int best = -1;
        float bestWeight = 0;
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i < n && course < n && weights[i * n + course] > bestWeight) {
                bestWeight = weights[i * n + course];
                best = p;
            }
        }
        return best < 0 ? popular(course) : becauseYou(history, best);
    }

    @Override
    public long memoryBytes() {
        return 16 + weights.length * 4L;
    }
}
