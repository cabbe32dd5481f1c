package io.learnloop.growth;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonteCarloTest {
    private static MonteCarlo.Builder builder() {
        Parameters p = Parameters.defaults();
        return MonteCarlo.builder(GrowthModel.defaults())
                .horizon(TimeStep.WEEK, 156)
                .range(ParameterRange.around(Parameter.K_FACTOR, p.get(Parameter.K_FACTOR), 0.3))
                .range(ParameterRange.around(Parameter.PAID_CHURN_RATE, p.get(Parameter.PAID_CHURN_RATE), 0.25))
                .range(new ParameterRange(Parameter.CONVERSION_RATE, 0.008, 0.016))
                .runs(300)
                .seed(20_26);
    }

    @Test
    void run_whenSameSeed_isIdenticalAcrossThreadCounts() {
        MonteCarloResult one = builder().threads(1).build().run();
        MonteCarloResult two = builder().threads(2).build().run();
        MonteCarloResult three = builder().threads(3).build().run();
        assertThat(two.metricValues()).containsExactly(one.metricValues());
        assertThat(three.metricValues()).containsExactly(one.metricValues());
        assertThat(two.toCsv()).isEqualTo(one.toCsv());
        assertThat(three.toJson()).isEqualTo(one.toJson());
    }

    @Test
    void run_whenSeedChanges_changesTheDraws() {
        MonteCarloResult a = builder().build().run();
        MonteCarloResult b = builder().seed(7).build().run();
        assertThat(b.metricValues()).isNotEqualTo(a.metricValues());
    }

    @Test
    void run_whenEachRunReplayed_matchesASingleSimulationWithItsDraws() {
        MonteCarloResult result = builder().runs(5).build().run();
        double[] values = result.metricValues();
        for (int i = 0; i < 5; i++) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(MonteCarlo.streamSeed(20_26, i));
            Parameters p = Parameters.defaults()
                    .with(Parameter.K_FACTOR, 0.25 * 0.7 + 0.25 * 0.6 * r.nextDouble())
                    .with(Parameter.PAID_CHURN_RATE, 0.004 * 0.75 + 0.004 * 0.5 * r.nextDouble())
                    .with(Parameter.CONVERSION_RATE, 0.008 + 0.008 * r.nextDouble());
            double expected = Metric.PAYING_LEARNERS.of(GrowthModel.of(p, GrowthState.defaults()).simulate(TimeStep.WEEK, 156));
            assertThat(values[i]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9 * expected));
        }
    }

    @Test
    void run_whenNoRanges_everyPercentileIsTheDeterministicRun() {
        MonteCarloResult r = MonteCarlo.builder(GrowthModel.defaults()).horizon(TimeStep.MONTH, 24).runs(3).sampleEvery(6)
                .build().run();
        Trajectory t = GrowthModel.defaults().simulate(TimeStep.MONTH, 24);
        assertThat(r.days()).containsExactly(0, 6 * TimeStep.MONTH.days(), 12 * TimeStep.MONTH.days(),
                18 * TimeStep.MONTH.days(), 24 * TimeStep.MONTH.days());
        for (double q : Band.PERCENTILES) {
            assertThat(r.band(Stock.PAYING_LEARNERS).percentile(q)[4]).isEqualTo(t.last(Stock.PAYING_LEARNERS));
        }
    }

    @Test
    void bands_whenRun_areOrdered() {
        MonteCarloResult r = builder().build().run();
        for (Stock s : Stock.values()) {
            Band b = r.band(s);
            for (int d = 0; d < r.days().length; d++) {
                for (int q = 1; q < Band.PERCENTILES.length; q++) {
                    assertThat(b.percentile(Band.PERCENTILES[q])[d]).isGreaterThanOrEqualTo(b.percentile(Band.PERCENTILES[q - 1])[d]);
                }
            }
        }
        assertThat(r.metricPercentile(95)).isGreaterThan(r.metricPercentile(5));
    }

    @Test
    void build_whenSettingsInvalid_namesEach() {
        assertThatThrownBy(() -> builder().runs(0).threads(0).sampleEvery(0).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("runs", "threads", "sampleEvery"));
        assertThatThrownBy(() -> new ParameterRange(Parameter.FREE_CHURN_RATE, 0.1, 1.5))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("freeChurnRate.high"));
        assertThatThrownBy(() -> new ParameterRange(Parameter.K_FACTOR, 0.5, 0.2))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("kFactor"));
    }
}
