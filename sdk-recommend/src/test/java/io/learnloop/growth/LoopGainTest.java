package io.learnloop.growth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoopGainTest {
    @Test
    void gain_whenWorkedExample_is1point44() {
        LoopGain loop = LoopGain.of(0.8, 1.2, 1.5);
        assertThat(loop.gain()).isCloseTo(1.44, within(1e-12));
        assertThat(loop.amplifies()).isTrue();
    }

    @Test
    void project_whenWorkedExample_growsGeometrically() {
        LoopGain loop = LoopGain.of(0.8, 1.2, 1.5);
        assertThat(loop.project(100, 0)).isEqualTo(100);
        assertThat(loop.project(100, 1)).isCloseTo(144, within(1e-9));
        assertThat(loop.project(100, 3)).isCloseTo(100 * 1.44 * 1.44 * 1.44, within(1e-9));
    }

    @Test
    void gain_whenBelowOne_doesNotAmplify() {
        assertThat(LoopGain.of(0.8, 1.2, 1.0).amplifies()).isFalse();
    }
}
