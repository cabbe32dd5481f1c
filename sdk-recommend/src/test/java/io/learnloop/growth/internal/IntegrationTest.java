package io.learnloop.growth.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationTest {
    @Test
    void residual_whenPopulationMatchesBoundaryFlows_isZero() {
        double[] y = new double[Flows.DIMENSION];
        y[Flows.P] = 900;
        y[Flows.F] = 60;
        y[Flows.S] = 30;
        y[Flows.L] = 15;
        y[Flows.C] = 5;
        y[Flows.STOCKS] = 10;
        assertThat(Integration.residual(y, 1_000)).isZero();
    }

    @Test
    void residual_whenOnePersonAppearsFromNowhere_exceedsTheTolerance() {
        double[] y = new double[Flows.DIMENSION];
        y[Flows.P] = 999_000;
        y[Flows.S] = 1_001;
        assertThat(Integration.residual(y, 1_000_000)).isGreaterThan(Integration.CONSERVATION_TOLERANCE);
    }
}
