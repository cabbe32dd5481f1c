package io.learnloop.recommend.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.util.stream.IntStream;

/**
 * Small dense linear algebra.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class Linear {
    private Linear() {
    }

    /**
     * Inverts a symmetric positive definite matrix in place with the symmetric sweep operator (Goodnight 1979):
     * Gauss-Jordan elimination that keeps the matrix symmetric at every step, so only the upper triangle is updated
     * (half the work of plain Gauss-Jordan), stable without pivoting for such matrices; the rows of each step are
     * updated in parallel and the lower triangle is filled from the upper one at the end.
     *
     * @param a the matrix, rows of equal length; replaced by its inverse
     * @throws LearnloopException if the matrix is not positive definite
     */
    public static void invertSymmetricPositiveDefinite(double[][] a) {
        int n = a.length;
        double[] col = new double[n];
        for (int k = 0; k < n; k++) {
            // Row k of the symmetric matrix, read from the upper triangle: a[j][k] for j < k, a[k][j] from k on.
            double[] rk = a[k];
            for (int j = 0; j < k; j++) {
                col[j] = a[j][k];
            }
            System.arraycopy(rk, k, col, k, n - k);
            double pivot = col[k];
            if (!(pivot > 0) || !Double.isFinite(pivot)) {
                throw new LearnloopException(ErrorCode.INTERNAL,
                        "matrix is not positive definite at row " + k + "; increase the regularisation");
            }
            double inv = 1.0 / pivot;
            final int kk = k;
            IntStream.range(0, n).parallel().forEach(i -> {
                if (i == kk) {
                    return;
                }
                double ci = col[i];
                if (ci == 0) {
                    return;
                }
                double[] ri = a[i];
                double f = ci * inv;
                for (int j = i; j < n; j++) {
                    ri[j] -= f * col[j];
                }
                if (i < kk) {
                    ri[kk] = f;
                }
            });
            for (int j = k + 1; j < n; j++) {
                rk[j] = col[j] * inv;
            }
            rk[k] = -inv;
        }
        // The sweep leaves minus the inverse in the upper triangle.
        for (int i = 0; i < n; i++) {
            double[] ri = a[i];
            for (int j = i; j < n; j++) {
                double v = -ri[j];
                ri[j] = v;
                a[j][i] = v;
            }
        }
    }
}
