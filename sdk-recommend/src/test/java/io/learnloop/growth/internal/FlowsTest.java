package io.learnloop.growth.internal;

import io.learnloop.growth.Parameters;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlowsTest {
    @Property(tries = 200)
    void derivatives_whenAnyState_equalTheRoutedFlows(
            @ForAll @DoubleRange(min = 0, max = 1e6) double p, @ForAll @DoubleRange(min = 0, max = 1e5) double f,
            @ForAll @DoubleRange(min = 0, max = 1e5) double s, @ForAll @DoubleRange(min = 0, max = 1e5) double l,
            @ForAll @DoubleRange(min = 0, max = 1e4) double c, @ForAll @DoubleRange(min = 0, max = 1e4) double k,
            @ForAll @DoubleRange(min = 0, max = 1e5) double a) {
        Flows flows = new Flows(Parameters.defaults().toArray());
        double[] y = new double[Flows.DIMENSION];
        double[] state = {p, f, s, l, c, k, a};
        System.arraycopy(state, 0, y, 0, state.length);
        double[] fused = new double[Flows.DIMENSION];
        flows.derivatives(y, fused);
        double[] r = new double[Flows.FLOWS];
        flows.rates(y, r);
        double[] routed = new double[Flows.DIMENSION];
        Flows.route(r, routed);
        for (int i = 0; i < Flows.DIMENSION; i++) {
            assertThat(fused[i]).as("index %s", i).isCloseTo(routed[i], within(1e-9 * Math.max(1, Math.abs(routed[i]))));
        }
    }
}
