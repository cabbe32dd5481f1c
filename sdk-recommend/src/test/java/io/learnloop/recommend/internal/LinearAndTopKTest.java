package io.learnloop.recommend.internal;

import io.learnloop.core.error.LearnloopException;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinearAndTopKTest {
    @Test
    void invert_whenPositiveDefinite_givesTheInverse() {
        int n = 40;
        Random r = new Random(1);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = r.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
            a[i][i] += 1;
        }
        double[][] inv = new double[n][];
        for (int i = 0; i < n; i++) {
            inv[i] = a[i].clone();
        }
        Linear.invertSymmetricPositiveDefinite(inv);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i][k] * inv[k][j];
                }
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-8));
            }
        }
    }

    @Test
    void invert_whenNotPositiveDefinite_failsWithAHint() {
        double[][] a = {{0, 1}, {1, 0}};
        assertThatThrownBy(() -> Linear.invertSymmetricPositiveDefinite(a))
                .isInstanceOf(LearnloopException.class).hasMessageContaining("regularisation");
    }

    @Test
    void select_whenScoresGiven_returnsBestFirstSkippingNegativeInfinity() {
        float[] s = {0.5f, Float.NEGATIVE_INFINITY, 2f, 2f, -1f, Float.NaN, 1f};
        assertThat(TopK.select(s, 3, 0, false)).containsExactly(2, 3, 6);
        assertThat(TopK.select(s, 10, 0, true)).containsExactly(2, 3, 6, 0);
        assertThat(TopK.select(s, 0, 0, false)).isEmpty();
    }
}
