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
     * Inverts a symmetric positive definite matrix in place by Gauss-Jordan elimination (stable without pivoting
     * for such matrices), updating the rows of each step in parallel.
     *
     * @param a the matrix, rows of equal length; replaced by its inverse
     * @throws LearnloopException if the matrix is not positive definite
     */
    public static void invertSymmetricPositiveDefinite(double[][] a) {
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double[] rk = a[k];
            double pivot = rk[k];
            if (!(pivot > 0) || !Double.isFinite(pivot)) {
                throw new LearnloopException(ErrorCode.INTERNAL,
                        "matrix is not positive definite at row " + k + "; increase the regularisation");
            }
            double inv = 1.0 / pivot;
            for (int j = 0; j < n; j++) {
                rk[j] *= inv;
            }
            rk[k] = inv;
            final int kk = k;
            IntStream.range(0, n).parallel().forEach(i -> {
                if (i == kk) {
                    return;
                }
                double[] ri = a[i];
                double f = ri[kk];
                if (f == 0) {
                    return;
                }
                for (int j = 0; j < n; j++) {
                    ri[j] -= f * rk[j];
                }
                ri[kk] = -f * inv;
            });
        }
    }
}
