package io.learnloop.benchmarks.recommend;

import java.util.Arrays;

/**
 * EASE (Steck 2019) with nothing around it: binary rows, the Gram matrix, one Gauss-Jordan inversion of
 * {@code G + lambda I} on a flat array, {@code B = -P / diag(P)} with a zero diagonal, and a top-k by scanning the
 * scores. It is the raw baseline the library's default hybrid is measured against: no validation, no other models,
 * no explanations, no id mapping.
 *
 * <p>Not thread-safe while training; a trained instance is only read.
 */
final class BareEase {
    private final int n;
    private final double[] b;

    private BareEase(int n, double[] b) {
        this.n = n;
        this.b = b;
    }

    /**
     * Trains on binary rows.
     *
     * @param rows   each learner's course indexes
     * @param n      courses
     * @param lambda L2 regularisation
     * @return the model
     */
    static BareEase train(int[][] rows, int n, double lambda) {
        double[] g = new double[n * n];
        for (int[] row : rows) {
            for (int i : row) {
                int base = i * n;
                for (int j : row) {
                    g[base + j] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += lambda;
        }
        invert(g, n);
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = i == j ? 0 : -g[i * n + j] / g[j * n + j];
            }
        }
        return new BareEase(n, b);
    }

    /** In-place Gauss-Jordan inversion of a symmetric positive definite matrix (no pivoting needed). */
    private static void invert(double[] a, int n) {
        for (int k = 0; k < n; k++) {
            double pivot = a[k * n + k];
            double inv = 1 / pivot;
            int rowK = k * n;
            for (int j = 0; j < n; j++) {
                a[rowK + j] *= inv;
            }
            a[rowK + k] = inv;
            for (int i = 0; i < n; i++) {
                if (i == k) {
                    continue;
                }
                int rowI = i * n;
                double f = a[rowI + k];
                if (f == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    a[rowI + j] -= f * a[rowK + j];
                }
                a[rowI + k] = -f * inv;
            }
        }
    }

    /**
     * Ranks every course the row does not hold and returns the best k.
     *
     * @param row the learner's course indexes
     * @param k   how many
     * @return course indexes, best first
     */
    int[] topK(int[] row, int k) {
        double[] scores = new double[n];
        for (int i : row) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                scores[j] += b[base + j];
            }
        }
        for (int i : row) {
            scores[i] = Double.NEGATIVE_INFINITY;
        }
        int[] best = new int[Math.min(k, n)];
        double[] bestScore = new double[best.length];
        Arrays.fill(bestScore, Double.NEGATIVE_INFINITY);
        int filled = 0;
        for (int j = 0; j < n; j++) {
            double s = scores[j];
            if (s == Double.NEGATIVE_INFINITY || (filled == best.length && s <= bestScore[filled - 1])) {
                continue;
            }
            int pos = filled < best.length ? filled++ : filled - 1;
            while (pos > 0 && bestScore[pos - 1] < s) {
                bestScore[pos] = bestScore[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestScore[pos] = s;
            best[pos] = j;
        }
        return Arrays.copyOf(best, filled);
    }
}
