package io.learnloop.growth;

import io.learnloop.core.error.ValidationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrowthModelTest {
    /** Everything off, so single flows can be compared with their closed forms. */
    private static Map<Parameter, Double> quiet() {
        Map<Parameter, Double> m = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            if (p.kind() != Parameter.Kind.POSITIVE) {
                m.put(p, 0.0);
            }
        }
        return m;
    }

    @Test
    void simulate_whenOnlyReferralActs_matchesClosedFormLogisticTo1e6Relative() {
        Map<Parameter, Double> m = quiet();
        m.put(Parameter.K_FACTOR, 1.5);
        m.put(Parameter.REFERRAL_CYCLE, 30.0);
        double n = 100_000;
        double f0 = 50;
        GrowthState start = GrowthState.of(Map.of(Stock.PROSPECTS, n - f0, Stock.FREE_LEARNERS, f0));
        Trajectory run = GrowthModel.of(Parameters.of(m), start).simulate(TimeStep.DAY, 400);

        double r = 1.5 / 30.0;
        for (int i = 0; i < run.size(); i++) {
            double exact = n / (1 + (n / f0 - 1) * Math.exp(-r * run.day(i)));
            assertThat(Math.abs(run.value(Stock.FREE_LEARNERS, i) - exact) / exact).as("day %s", i).isLessThan(1e-6);
        }
        assertThat(run.last(Stock.FREE_LEARNERS)).isGreaterThan(0.99 * n);
    }

    @Test
    void simulate_whenOnlyPaidMarketingActs_drainsProspectsExponentiallyTo1e6Relative() {
        Map<Parameter, Double> m = quiet();
        m.put(Parameter.MARKETING_SPEND, 5_000.0);
        m.put(Parameter.PAID_CAC, 10.0);
        double n = 200_000;
        GrowthState start = GrowthState.of(Map.of(Stock.PROSPECTS, n));
        Trajectory run = GrowthModel.of(Parameters.of(m), start).simulate(TimeStep.WEEK, 200);

        double rate = 5_000.0 / 10.0 / n;
        for (int i = 0; i < run.size(); i++) {
            double exact = n * Math.exp(-rate * run.day(i));
            assertThat(Math.abs(run.value(Stock.PROSPECTS, i) - exact) / exact).isLessThan(1e-6);
        }
    }

    @Test
    void simulate_whenCreatorsConstant_catalogueRelaxesExponentiallyTo1e6Relative() {
        Map<Parameter, Double> m = quiet();
        m.put(Parameter.PRODUCTION_RATE, 0.05);
        m.put(Parameter.CATALOGUE_RETIREMENT_RATE, 0.01);
        GrowthState start = GrowthState.of(Map.of(Stock.CREATORS, 40.0, Stock.CATALOGUE, 10.0));
        Trajectory run = GrowthModel.of(Parameters.of(m), start).simulate(TimeStep.MONTH, 60);

        double equilibrium = 0.05 * 40 / 0.01;
        for (int i = 0; i < run.size(); i++) {
            double exact = equilibrium + (10.0 - equilibrium) * Math.exp(-0.01 * run.day(i));
            assertThat(Math.abs(run.value(Stock.CATALOGUE, i) - exact) / exact).isLessThan(1e-6);
        }
    }

    @Test
    void simulate_whenDefaults_conservesPeopleAtEveryStep() {
        Trajectory run = GrowthModel.defaults().simulate(TimeStep.DAY, TimeStep.DAY.stepsIn(5));
        double people0 = run.population(0);
        for (int i = 0; i < run.size(); i++) {
            double expected = people0 + run.total(Total.NET_PEOPLE_INFLOW, i);
            assertThat(Math.abs(run.population(i) - expected) / expected).isLessThan(1e-10);
        }
        assertThat(run.conservationResidual()).isLessThan(1e-10);
        assertThat(run.last(Stock.PAYING_LEARNERS)).isGreaterThan(run.value(Stock.PAYING_LEARNERS, 0));
    }

    @Property(tries = 40)
    void simulate_whenParametersVary_conservesPeopleAndKeepsStocksNonNegative(
            @ForAll @DoubleRange(min = 0, max = 3) double kFactor,
            @ForAll @DoubleRange(min = 0, max = 0.2) double freeChurn,
            @ForAll @DoubleRange(min = 0, max = 0.05) double paidChurn,
            @ForAll @DoubleRange(min = 0, max = 0.1) double conversion,
            @ForAll @DoubleRange(min = 0, max = 50_000) double spend,
            @ForAll @DoubleRange(min = 0, max = 0.01) double exit) {
        Parameters p = Parameters.defaults()
                .with(Parameter.K_FACTOR, kFactor)
                .with(Parameter.FREE_CHURN_RATE, freeChurn)
                .with(Parameter.PAID_CHURN_RATE, paidChurn)
                .with(Parameter.CONVERSION_RATE, conversion)
                .with(Parameter.MARKETING_SPEND, spend)
                .with(Parameter.MARKET_EXIT_RATE, exit);
        for (TimeStep step : TimeStep.values()) {
            Trajectory run = GrowthModel.of(p, GrowthState.defaults()).simulate(step, step.stepsIn(3));
            double people0 = run.population(0);
            for (int i = 0; i < run.size(); i++) {
                double expected = people0 + run.total(Total.NET_PEOPLE_INFLOW, i);
                assertThat(Math.abs(run.population(i) - expected)).isLessThanOrEqualTo(1e-9 * Math.max(1, expected));
                for (Stock s : Stock.values()) {
                    assertThat(run.value(s, i)).as("%s at %s", s, i).isGreaterThanOrEqualTo(-1e-9);
                }
            }
        }
    }

    @Test
    void simulate_whenDaysWeeksOrMonths_agreeAtCommonPoints() {
        Trajectory daily = GrowthModel.defaults().simulate(TimeStep.DAY, 1461);
        Trajectory weekly = GrowthModel.defaults().simulate(TimeStep.WEEK, 208);
        Trajectory monthly = GrowthModel.defaults().simulate(TimeStep.MONTH, 48);
        // four years is 1461 days, 48 months; 1456 days is 208 weeks
        for (Stock s : Stock.values()) {
            double d = daily.last(s);
            assertThat(Math.abs(monthly.last(s) - d) / d).as(s.key()).isLessThan(1e-5);
            double w = weekly.value(s, 208);
            double d1456 = daily.value(s, 1456);
            assertThat(Math.abs(w - d1456) / d1456).as(s.key()).isLessThan(1e-5);
        }
    }

    @Test
    void simulate_whenRunTwice_isBitIdentical() {
        Trajectory a = GrowthModel.defaults().simulate(TimeStep.WEEK, 260);
        Trajectory b = GrowthModel.defaults().simulate(TimeStep.WEEK, 260);
        assertThat(a.toCsv()).isEqualTo(b.toCsv());
    }

    @Test
    void simulate_whenStepsOutOfRange_namesSteps() {
        assertThatThrownBy(() -> GrowthModel.defaults().simulate(TimeStep.DAY, 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("steps"));
        assertThatThrownBy(() -> GrowthModel.defaults().simulate(null, 10))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("step"));
    }

    @Test
    void toCsv_whenSimulated_hasHeaderAndOneRowPerPoint() {
        Trajectory run = GrowthModel.defaults().simulate(TimeStep.MONTH, 12);
        String[] lines = run.toCsv().split("\r\n");
        assertThat(lines).hasSize(14);
        assertThat(lines[0]).startsWith("day,prospects,freeLearners,payingLearners,lapsedLearners,creators,catalogue,community,netPeopleInflow,revenue");
        assertThat(lines[1]).startsWith("0,990000,8000,1500,0,50,100,500,0,0");
    }

    @Test
    void toJson_whenSimulated_roundTripsTheSeries() throws Exception {
        Trajectory run = GrowthModel.defaults().simulate(TimeStep.MONTH, 12);
        var tree = io.learnloop.core.json.LearnloopJson.newMapper().readTree(run.toJson());
        assertThat(tree.get("step").asText()).isEqualTo("MONTH");
        assertThat(tree.get("stocks").get("payingLearners").size()).isEqualTo(13);
        assertThat(tree.get("stocks").get("payingLearners").get(12).asDouble()).isEqualTo(run.last(Stock.PAYING_LEARNERS));
        assertThat(tree.get("parameters").get("kFactor").asDouble()).isEqualTo(0.25);
    }
}
