package io.learnloop.recommend.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecayTest {
    @Test
    void pow2_whenExponentAtOrAboveMinusSixty_isExact() {
        assertThat(Decay.pow2(0)).isEqualTo(1f);
        assertThat(Decay.pow2(-3)).isEqualTo(0.125f);
        assertThat(Decay.pow2(20)).isEqualTo(1048576f);
        assertThat(Decay.pow2(-60)).isEqualTo((float) Math.pow(2, -60));
    }

    @Property(tries = 300)
    void pow2_whenExponentFarBelowZero_staysPositiveNormalAndKeepsTheOrder(
            @ForAll @DoubleRange(min = -1e6, max = 0) double exponent) {
        float w = Decay.pow2(exponent);
        float older = Decay.pow2(exponent - 1);
        assertThat(w).isGreaterThanOrEqualTo((float) Math.pow(2, -64)).isGreaterThanOrEqualTo(Float.MIN_NORMAL);
        if (exponent > -10_000) {
            assertThat(older).isLessThan(w);
        } else {
            assertThat(older).isLessThanOrEqualTo(w);
        }
    }

    @Test
    void halfLives_whenOlderIsNotEarlier_isZero() {
        assertThat(Decay.halfLives(100, 100, 10)).isZero();
        assertThat(Decay.halfLives(200, 100, 10)).isZero();
        assertThat(Decay.halfLives(100, 130, 10)).isEqualTo(3.0);
    }
}
