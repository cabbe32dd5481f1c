package io.learnloop.growth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoopAnalysisTest {
    @Test
    void elasticities_whenComparedWithCentralFiniteDifferences_agree() {
        Parameters p = Parameters.defaults();
        GrowthState s = GrowthModel.defaults().simulate(TimeStep.MONTH, 9).state(9);
        LoopAnalysis analysis = LoopAnalysis.at(p, s);
        double gain = analysis.gain();
        double h = 1e-5;
        for (Parameter parameter : Parameter.values()) {
            double value = p.get(parameter);
            double up = value * (1 + h);
            if (parameter.kind() == Parameter.Kind.PROBABILITY && up > 1) {
                continue;
            }
            double gUp = LoopAnalysis.at(p.with(parameter, up), s).gain();
            double gDown = LoopAnalysis.at(p.with(parameter, value * (1 - h)), s).gain();
            double finiteDifference = value == 0 ? 0 : (gUp - gDown) / (2 * h * value) * value / gain;
            assertThat(analysis.elasticity(parameter)).as(parameter.key())
                    .isCloseTo(finiteDifference, within(1e-6 + 1e-5 * Math.abs(finiteDifference)));
        }
    }

    @Test
    void elasticities_whenDefaults_rankKFactorAndCycleAsUnitLevers() {
        LoopAnalysis analysis = LoopAnalysis.of(GrowthModel.defaults());
        // the gain is proportional to kFactor / referralCycle, so their elasticities are exactly +1 and -1
        assertThat(analysis.elasticity(Parameter.K_FACTOR)).isCloseTo(1.0, within(1e-12));
        assertThat(analysis.elasticity(Parameter.REFERRAL_CYCLE)).isCloseTo(-1.0, within(1e-12));
        assertThat(analysis.elasticity(Parameter.MARKETING_SPEND)).isZero();
        assertThat(analysis.elasticities()).hasSize(Parameter.values().length);
        for (int i = 1; i < analysis.elasticities().size(); i++) {
            assertThat(Math.abs(analysis.elasticities().get(i - 1).elasticity()))
                    .isGreaterThanOrEqualTo(Math.abs(analysis.elasticities().get(i).elasticity()));
        }
    }

    @Test
    void gain_whenDefaults_isTheSumOfItsStagesAndAboveOne() {
        LoopAnalysis a = LoopAnalysis.of(GrowthModel.defaults());
        assertThat(a.gain()).isCloseTo(a.freeStageGain() + a.paidStageGain(), within(1e-12));
        assertThat(a.freeStageGain()).isCloseTo(a.referralRatePerDay() * a.freeLifetimeDays(), within(1e-12));
        double completion = a.completionProbability();
        assertThat(a.paidStageGain()).isCloseTo(a.referralRatePerDay() * a.conversionProbability() * a.paidLifetimeDays()
                * (1 + Parameter.COMPLETION_WORD_OF_MOUTH.defaultValue() * completion), within(1e-12));
        // 0.25 lessons a day over 20-lesson courses against 0.004 churn: 0.0125 / (0.0125 + 0.004)
        assertThat(completion).isCloseTo(0.0125 / 0.0165, within(1e-12));
        assertThat(a.amplifies()).isTrue();
    }

    @Test
    void gain_whenMarketSaturates_fallsBelowOne() {
        Equilibrium e = Equilibrium.of(GrowthModel.defaults());
        assertThat(LoopAnalysis.at(Parameters.defaults(), e.state()).gain()).isLessThan(1.0);
    }

    @Test
    void loopGainElasticity_whenComparedWithFiniteDifference_isOneForEveryLink() {
        double[] k = {0.8, 1.2, 1.5};
        LoopGain loop = LoopGain.of(k);
        for (int i = 0; i < k.length; i++) {
            double h = 1e-6;
            double[] up = k.clone();
            up[i] *= 1 + h;
            double[] down = k.clone();
            down[i] *= 1 - h;
            double fd = (LoopGain.of(up).gain() - LoopGain.of(down).gain()) / (2 * h * k[i]) * k[i] / loop.gain();
            assertThat(loop.elasticity(i)).isCloseTo(fd, within(1e-8)).isCloseTo(1.0, within(1e-12));
        }
        assertThat(loop.cyclesToMultiply(2)).isEqualTo(2);
    }
}
