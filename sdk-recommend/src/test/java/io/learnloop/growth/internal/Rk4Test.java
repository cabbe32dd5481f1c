package io.learnloop.growth.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Rk4Test {
    @Test
    void step_whenExponentialGrowth_matchesClosedFormTo1e6Relative() {
        double r = 0.05;
        Rk4 rk4 = new Rk4((t, y, dy) -> dy[0] = r * y[0], 1);
        double[] y = {3.0};
        for (int i = 1; i <= 365; i++) {
            rk4.step(i - 1, y, 1.0);
            double exact = 3.0 * Math.exp(r * i);
            assertThat(Math.abs(y[0] - exact) / exact).isLessThan(1e-6);
        }
    }

    @Test
    void step_whenLogisticGrowth_matchesClosedFormTo1e6Relative() {
        double r = 0.05;
        double cap = 10_000;
        double y0 = 5;
        Rk4 rk4 = new Rk4((t, y, dy) -> dy[0] = r * y[0] * (1 - y[0] / cap), 1);
        double[] y = {y0};
        for (int i = 1; i <= 800; i++) {
            rk4.step(i - 1, y, 1.0);
            double exact = cap / (1 + (cap / y0 - 1) * Math.exp(-r * i));
            assertThat(Math.abs(y[0] - exact) / exact).isLessThan(1e-6);
        }
    }

    @Test
    void step_whenStepHalved_errorFallsBySixteen() {
        double r = 0.5;
        double e1 = errorAfter(r, 1.0);
        double e2 = errorAfter(r, 0.5);
        assertThat(e1 / e2).isBetween(12.0, 20.0);
    }

    private static double errorAfter(double r, double h) {
        Rk4 rk4 = new Rk4((t, y, dy) -> dy[0] = r * y[0], 1);
        double[] y = {1.0};
        int n = (int) Math.round(10 / h);
        for (int i = 0; i < n; i++) {
            rk4.step(i * h, y, h);
        }
        return Math.abs(y[0] - Math.exp(r * 10)) / Math.exp(r * 10);
    }
}
