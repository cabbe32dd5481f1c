package io.learnloop.growth;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationTest {
    /** A platform large enough that three years of monthly counts pin every rate down to well under 5%. */
    private static final GrowthState PLATFORM = GrowthState.of(Map.of(
            Stock.PROSPECTS, 5_000_000.0, Stock.FREE_LEARNERS, 100_000.0, Stock.PAYING_LEARNERS, 30_000.0,
            Stock.LAPSED_LEARNERS, 20_000.0, Stock.CREATORS, 3_000.0, Stock.CATALOGUE, 200.0, Stock.COMMUNITY, 5_000.0));

    private static void assertRecovers(Parameters truth, long seed) {
        Observations observed = PlatformSimulator.simulate(GrowthModel.of(truth, PLATFORM), 36, 30, seed);
        CalibrationResult result = Calibration.fit(observed, Parameters.defaults());

        assertThat(result.estimates()).hasSizeGreaterThanOrEqualTo(17);
        for (ParameterEstimate e : result.estimates()) {
            double expected = truth.get(e.parameter());
            assertThat(e.value()).as("%s (true %s)", e.parameter().key(), expected)
                    .isBetween(expected * 0.95, expected * 1.05);
            assertThat(result.parameters().get(e.parameter())).isEqualTo(e.value());
        }
        for (Parameter held : result.heldAtPrior()) {
            assertThat(result.parameters().get(held)).isEqualTo(Parameters.defaults().get(held));
        }
        for (SeriesFit fit : result.fits()) {
            assertThat(fit.rSquared()).as(fit.series()).isGreaterThan(0.95);
            if (!Double.isNaN(fit.dispersion())) {
                assertThat(fit.dispersion()).as(fit.series()).isLessThan(4.0);
            }
        }
    }

    @Test
    void fit_whenDataSimulatedWithDefaults_recoversEveryFittedParameterWithin5Percent() {
        assertRecovers(Parameters.defaults().with(Parameter.CATALOGUE_HALF_SATURATION, 2_000), 1);
    }

    @Test
    void fit_whenDataSimulatedWithOtherParameters_recoversThemWithin5Percent() {
        Parameters truth = Parameters.defaults()
                .with(Parameter.CATALOGUE_HALF_SATURATION, 1_500)
                .with(Parameter.K_FACTOR, 0.15)
                .with(Parameter.CONVERSION_RATE, 0.008)
                .with(Parameter.FREE_CHURN_RATE, 0.03)
                .with(Parameter.PAID_CHURN_RATE, 0.006)
                .with(Parameter.LEARNING_EFFICIENCY, 0.4)
                .with(Parameter.PRICE, 24)
                .with(Parameter.CREATOR_REVENUE_SHARE, 0.6)
                .with(Parameter.PAID_CAC, 22)
                .with(Parameter.MARKETING_SPEND, 4_000)
                .with(Parameter.WINBACK_RATE, 0.002)
                .with(Parameter.CREATOR_CHURN_RATE, 0.003)
                .with(Parameter.PRODUCTION_RATE, 0.01)
                .with(Parameter.REVIEW_RATE, 0.2)
                .with(Parameter.POST_RATE, 0.05);
        assertRecovers(truth, 99);
    }

    @Test
    void fit_whenWrongCompletionEffectAssumed_paidChurnMisses() {
        // a check that the test can fail: with a wrong prior for the unidentified renewal effect the base churn
        // solved from the cohorts is off by far more than 5%
        Parameters truth = Parameters.defaults().with(Parameter.CATALOGUE_HALF_SATURATION, 2_000);
        Observations observed = PlatformSimulator.simulate(GrowthModel.of(truth, PLATFORM), 24, 30, 5);
        CalibrationResult result = Calibration.fit(observed, Parameters.defaults().with(Parameter.COMPLETION_RENEWAL_EFFECT, 0.0));
        assertThat(result.estimate(Parameter.PAID_CHURN_RATE).value()).isLessThan(0.004 * 0.8);
    }

    @Test
    void fit_whenCatalogueNeverChanges_holdsHalfSaturationAtItsPrior() {
        // with no courses made or retired the catalogue stays put, so its half-saturation cannot be told apart from
        // the conversion rate: it must stay at its prior instead of being reported as a search bound
        Parameters truth = Parameters.defaults()
                .with(Parameter.PRODUCTION_RATE, 0)
                .with(Parameter.CATALOGUE_RETIREMENT_RATE, 0)
                .with(Parameter.CREATOR_JOIN_RATE, 0);
        Observations observed = PlatformSimulator.simulate(GrowthModel.of(truth, PLATFORM), 12, 30, 9);
        CalibrationResult result = Calibration.fit(observed, truth);
        assertThat(result.heldAtPrior()).contains(Parameter.CATALOGUE_HALF_SATURATION);
        assertThat(result.estimate(Parameter.CONVERSION_RATE).method()).contains("held at its prior");
        assertThat(result.estimate(Parameter.CONVERSION_RATE).value())
                .isBetween(truth.get(Parameter.CONVERSION_RATE) * 0.9, truth.get(Parameter.CONVERSION_RATE) * 1.1);
    }

    @Test
    void simulate_whenSameSeed_givesIdenticalObservations() {
        Observations a = PlatformSimulator.simulate(GrowthModel.of(Parameters.defaults(), PLATFORM), 3, 30, 11);
        Observations b = PlatformSimulator.simulate(GrowthModel.of(Parameters.defaults(), PLATFORM), 3, 30, 11);
        assertThat(a).isEqualTo(b);
        assertThat(a.cohorts()).hasSize(2);
        assertThat(a.cohorts().get(0).stillPaying()).hasSize(2);
    }

    @Test
    void result_whenWritten_holdsEstimatesAndFits() throws Exception {
        Observations observed = PlatformSimulator.simulate(GrowthModel.of(Parameters.defaults(), PLATFORM), 6, 30, 3);
        CalibrationResult result = Calibration.fit(observed);
        var tree = io.learnloop.core.json.LearnloopJson.newMapper().readTree(result.toJson());
        assertThat(tree.get("estimates").size()).isEqualTo(result.estimates().size());
        assertThat(tree.get("fits").size()).isEqualTo(result.fits().size());
        assertThat(tree.get("heldAtPrior").toString()).contains("referralCycle");
        assertThat(result.toCsv()).startsWith("parameter,unit,value,standardError,method\r\n");
        assertThatThrownBy(() -> result.estimate(Parameter.REFERRAL_CYCLE)).isInstanceOf(ValidationException.class);
    }

    @Test
    void observations_whenInvalid_nameTheField() {
        assertThatThrownBy(() -> new ObservedPeriod(1, 1, 1, 0, 1, 1, 1, -3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("paidSignups"));
        assertThatThrownBy(() -> new ObservedPeriod(1, Double.NaN, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("avgFree"));
        assertThatThrownBy(() -> new Cohort(0, 100, List.of(90L, 95L)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("stillPaying[1]"));
        assertThatThrownBy(() -> new Observations(30, 20, 100, List.of(), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("periods"));
        ObservedPeriod empty = new ObservedPeriod(0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> new Observations(30, 20, 100, List.of(empty), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("periods[0].population"));
        assertThatThrownBy(() -> new Observations(Double.POSITIVE_INFINITY, 20, 100, List.of(), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).contains("periodDays"));
    }

    @Test
    void fit_whenNoFreeLearnerEverObserved_namesTheSeries() {
        ObservedPeriod onlyProspects = new ObservedPeriod(100, 0, 10, 0, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Observations o = new Observations(30, 20, 100, List.of(onlyProspects), List.of());
        assertThatThrownBy(() -> Calibration.fit(o))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("observations.avgFree"));
    }

    @Test
    void fit_whenNoEventWhereThePriorExpectsFew_keepsThePriorButFitsZeroWhereItExpectsMany() {
        double prior = Parameters.defaults().get(Parameter.PRODUCTION_RATE);
        // two creators for 30 days: the prior expects 0.5 courses, so none published says little
        ObservedPeriod few = new ObservedPeriod(1000, 10, 10, 0, 2, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        CalibrationResult held = Calibration.fit(new Observations(30, 4, 100, List.of(few), List.of()));
        assertThat(held.heldAtPrior()).contains(Parameter.PRODUCTION_RATE);
        assertThat(held.parameters().get(Parameter.PRODUCTION_RATE)).isEqualTo(prior);
        assertThat(held.fit("coursesPublished")).isNotNull();

        // five hundred creators for 30 days: the prior expects 125 courses, so none published means a rate near 0
        ObservedPeriod many = new ObservedPeriod(1000, 10, 10, 0, 500, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        CalibrationResult fitted = Calibration.fit(new Observations(30, 4, 100, List.of(many), List.of()));
        assertThat(fitted.heldAtPrior()).doesNotContain(Parameter.PRODUCTION_RATE);
        assertThat(fitted.estimate(Parameter.PRODUCTION_RATE).value()).isZero();
    }
}
