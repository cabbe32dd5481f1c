package io.learnloop.growth;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.json.LearnloopJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnalysesTest {
    private static final GrowthModel MODEL = GrowthModel.defaults();

    @Test
    void equilibrium_whenDefaults_settlesAtTheMarketCeiling() {
        Equilibrium e = Equilibrium.of(MODEL);
        assertThat(e.reached()).isTrue();
        assertThat(e.marketCeiling()).isCloseTo(274.0 * 3652.5, within(1e-6));
        assertThat(e.state().population()).isCloseTo(e.marketCeiling(), within(0.001 * e.marketCeiling()));
        assertThat(e.daysTo90PercentPaying()).isGreaterThan(0).isLessThan(e.days());
        assertThat(e.peakPayingLearners()).isGreaterThanOrEqualTo(e.state().get(Stock.PAYING_LEARNERS));
        // at equilibrium the model's own derivatives are close to zero
        GrowthModel settled = GrowthModel.of(MODEL.parameters(), e.state());
        Trajectory nextMonth = settled.simulate(TimeStep.DAY, 30);
        for (Stock s : Stock.values()) {
            assertThat(nextMonth.last(s)).as(s.key()).isCloseTo(e.state().get(s), within(1e-3 * Math.max(1, e.state().get(s))));
        }
    }

    @Test
    void tornado_whenRun_isSortedAndEachBarMatchesItsOwnSimulation() {
        Tornado t = Tornado.of(MODEL, TimeStep.MONTH, 36, Metric.CUMULATIVE_REVENUE, 0.2);
        assertThat(t.bars()).hasSize(Parameter.values().length);
        assertThat(t.baseline()).isEqualTo(Metric.CUMULATIVE_REVENUE.of(MODEL.simulate(TimeStep.MONTH, 36)));
        for (int i = 1; i < t.bars().size(); i++) {
            assertThat(t.bars().get(i - 1).width()).isGreaterThanOrEqualTo(t.bars().get(i).width());
        }
        Tornado.Bar top = t.bars().get(0);
        double high = Metric.CUMULATIVE_REVENUE.of(MODEL.withParameters(MODEL.parameters().with(top.parameter(), top.highInput()))
                .simulate(TimeStep.MONTH, 36));
        assertThat(top.highOutput()).isEqualTo(high);
        assertThat(top.width()).isGreaterThan(0.1 * t.baseline());
        assertThat(t.toCsv().split("\r\n")).hasSize(Parameter.values().length + 1);
    }

    @Test
    void tornado_whenParametersChosen_variesOnlyThose() {
        Tornado t = Tornado.of(MODEL, TimeStep.MONTH, 12, Metric.PAYING_LEARNERS, 0.1,
                java.util.EnumSet.of(Parameter.PRICE, Parameter.K_FACTOR));
        assertThat(t.bars()).extracting(Tornado.Bar::parameter).containsExactlyInAnyOrder(Parameter.PRICE, Parameter.K_FACTOR);
    }

    @Test
    void tornado_whenParameterIsZero_hasZeroWidth() {
        GrowthModel noWinback = MODEL.withParameters(MODEL.parameters().with(Parameter.WINBACK_RATE, 0));
        Tornado t = Tornado.of(noWinback, TimeStep.MONTH, 12, Metric.PAYING_LEARNERS, 0.1);
        Tornado.Bar bar = t.bars().stream().filter(b -> b.parameter() == Parameter.WINBACK_RATE).findFirst().orElseThrow();
        assertThat(bar.width()).isZero();
    }

    @Test
    void tornado_whenProbabilityWouldExceedOne_clipsTheHighInput() {
        GrowthModel fullShare = MODEL.withParameters(MODEL.parameters().with(Parameter.RECOMMENDATION_QUALITY, 0.95));
        Tornado t = Tornado.of(fullShare, TimeStep.MONTH, 6, Metric.PAYING_LEARNERS, 0.2);
        Tornado.Bar bar = t.bars().stream().filter(b -> b.parameter() == Parameter.RECOMMENDATION_QUALITY).findFirst().orElseThrow();
        assertThat(bar.highInput()).isEqualTo(1.0);
    }

    @Test
    void scenarios_whenEfficiencyUpAndPriceDown_reportChangesAgainstBaseline() {
        Scenario efficiency = Scenario.named("+10% learning efficiency").times(Parameter.LEARNING_EFFICIENCY, 1.1);
        Scenario price = Scenario.named("-10% price").times(Parameter.PRICE, 0.9);
        ScenarioComparison c = ScenarioComparison.of(MODEL, TimeStep.WEEK, 156, List.of(efficiency, price));
        assertThat(c.outcomes()).hasSize(3);
        assertThat(c.outcome("baseline").change().values()).allMatch(v -> v == 0.0);
        double expected = Metric.CUMULATIVE_REVENUE.of(MODEL.withParameters(MODEL.parameters().scaled(Parameter.PRICE, 0.9))
                .simulate(TimeStep.WEEK, 156));
        assertThat(c.outcome("-10% price").values().get(Metric.CUMULATIVE_REVENUE)).isEqualTo(expected);
        assertThat(c.outcome("+10% learning efficiency").change().get(Metric.PAYING_LEARNERS)).isPositive();
        // a lower price converts more learners, so more of them pay
        assertThat(c.outcome("-10% price").change().get(Metric.PAYING_LEARNERS)).isPositive();
        assertThat(c.toCsv().split("\r\n")).hasSize(1 + 3 * Metric.values().length);
        assertThat(c.toJson()).contains("\"scenario\":\"-10% price\"");
    }

    @Test
    void scenario_whenFactorPushesProbabilityAboveOne_namesTheParameter() {
        Scenario s = Scenario.named("all reviews twice").times(Parameter.REVIEW_RATE, 4);
        assertThatThrownBy(() -> s.apply(Parameters.defaults()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("reviewRate"));
    }

    @Test
    void unitEconomics_whenComputed_matchTheirDefinitions() {
        GrowthState s = GrowthState.defaults();
        Parameters p = Parameters.defaults();
        UnitEconomics u = UnitEconomics.at(p, s);
        assertThat(u.arppu()).isEqualTo(30.0);
        assertThat(u.arpu()).isCloseTo(1_500 * 30.0 / 9_500, within(1e-9));
        assertThat(u.creatorEarningsPerMonth()).isCloseTo(0.5 * 1_500 * 30.0 / 50, within(1e-9));
        double share = 990_000 / 999_550.0;
        assertThat(u.paidCac()).isCloseTo(15.0 / share, within(1e-9));
        LoopAnalysis loop = LoopAnalysis.at(p, s);
        assertThat(u.paidLifetimeMonths()).isCloseTo(loop.paidLifetimeDays() / (365.25 / 12), within(1e-9));
        assertThat(u.ltv()).isCloseTo(30.0 * 0.5 * u.paidLifetimeMonths(), within(1e-9));
        assertThat(u.cacPaybackMonths()).isCloseTo(u.blendedCac() / u.conversionProbability() / 15.0, within(1e-9));
        assertThat(u.blendedCac()).isLessThan(u.paidCac());
        assertThat(u.toJson()).contains("\"ltv\":");
    }

    @Test
    void loopAnalysis_whenWrittenAsJson_readsBack() throws Exception {
        LoopAnalysis a = LoopAnalysis.of(MODEL);
        var tree = LearnloopJson.newMapper().readTree(a.toJson());
        assertThat(tree.get("gain").asDouble()).isEqualTo(a.gain());
        assertThat(tree.get("elasticities").get(0).get("parameter").asText()).isEqualTo(a.elasticities().get(0).parameter().name());
        assertThat(a.toCsv()).startsWith("parameter,unit,elasticity\r\n");
    }
}
