package io.learnloop.examples;

import io.learnloop.examples.growth.BandChart;
import io.learnloop.examples.growth.ChartFiles;
import io.learnloop.examples.growth.GainChart;
import io.learnloop.examples.growth.StockChart;
import io.learnloop.examples.growth.TornadoChart;
import io.learnloop.growth.Calibration;
import io.learnloop.growth.CalibrationResult;
import io.learnloop.growth.Equilibrium;
import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.GrowthState;
import io.learnloop.growth.LoopAnalysis;
import io.learnloop.growth.LoopGain;
import io.learnloop.growth.Metric;
import io.learnloop.growth.MonteCarlo;
import io.learnloop.growth.MonteCarloResult;
import io.learnloop.growth.Observations;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.ParameterEstimate;
import io.learnloop.growth.ParameterRange;
import io.learnloop.growth.Parameters;
import io.learnloop.growth.PlatformSimulator;
import io.learnloop.growth.Scenario;
import io.learnloop.growth.ScenarioComparison;
import io.learnloop.growth.SeriesFit;
import io.learnloop.growth.Stock;
import io.learnloop.growth.TimeStep;
import io.learnloop.growth.Tornado;
import io.learnloop.growth.Trajectory;
import io.learnloop.growth.UnitEconomics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The growth-loop calculator end to end: the simple loop gain, a five-year simulation, the loop analysis,
 * equilibrium, tornado, Monte Carlo bands, scenarios, unit economics and a calibration on a simulated platform.
 * Writes the charts (PNG and SVG) to the first argument (default {@code docs/growth}) and the CSV and JSON results to
 * the second (default {@code target/growth-data}).
 *
 * <pre>
 * mvn -q -pl examples -am package -DskipTests
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.learnloop.examples.GrowthCharts
 * </pre>
 */
public final class GrowthCharts {
    private GrowthCharts() {
    }

    /**
     * Runs the example.
     *
     * @param args optional chart directory and data directory
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Path charts = Path.of(args.length > 0 ? args[0] : "docs/growth");
        Path data = Path.of(args.length > 1 ? args[1] : "target/growth-data");

        LoopGain simple = LoopGain.of(0.8, 1.2, 1.5);
        say("Simple model: gain k1*k2*k3 = %.2f per cycle; 1 unit of knowledge value returns %.2f after one cycle, %.2f after five",
                simple.gain(), simple.project(1, 1), simple.project(1, 5));

        GrowthModel model = GrowthModel.defaults();
        Trajectory fiveYears = model.simulate(TimeStep.DAY, TimeStep.DAY.stepsIn(5));
        say("Five years, daily: %,.0f paying learners, %,.0f creators, %,.0f courses; conservation residual %.1e",
                fiveYears.last(Stock.PAYING_LEARNERS), fiveYears.last(Stock.CREATORS), fiveYears.last(Stock.CATALOGUE),
                fiveYears.conservationResidual());
        ChartFiles.save(StockChart.of(fiveYears, "Learners over five years (default parameters)",
                List.of(Stock.PROSPECTS, Stock.FREE_LEARNERS, Stock.PAYING_LEARNERS, Stock.LAPSED_LEARNERS, Stock.CREATORS),
                1_000, "thousand people"), charts, "stocks");
        ChartFiles.save(StockChart.of(fiveYears, "Catalogue and community over five years",
                List.of(Stock.CATALOGUE, Stock.COMMUNITY), 1, "courses / live posts"), charts, "catalogue-community");
        ChartFiles.save(GainChart.of(fiveYears), charts, "loop-gain");

        LoopAnalysis loop = LoopAnalysis.of(model);
        say("Loop gain at launch %.3f (free stage %.3f + paid stage %.3f); strongest levers:", loop.gain(),
                loop.freeStageGain(), loop.paidStageGain());
        loop.elasticities().stream().limit(8).forEach(e -> say("  %-28s %+.3f", e.key(), e.elasticity()));

        Equilibrium eq = Equilibrium.of(model);
        say("Equilibrium after %.1f years: %,.0f paying learners (peak %,.0f in year %.1f), 90%% reached in year %.1f, gain %.3f",
                eq.days() / 365.25, eq.state().get(Stock.PAYING_LEARNERS), eq.peakPayingLearners(), eq.peakDay() / 365.25,
                eq.daysTo90PercentPaying() / 365.25, eq.loopGain());

        // the reference price only says where the conversion rate was measured: not a lever, so it is left out
        java.util.Set<Parameter> levers = java.util.EnumSet.complementOf(java.util.EnumSet.of(Parameter.REFERENCE_PRICE));
        Tornado tornado = Tornado.of(model, TimeStep.MONTH, TimeStep.MONTH.stepsIn(5), Metric.CUMULATIVE_REVENUE, 0.2, levers);
        ChartFiles.save(TornadoChart.of(tornado, 12, 1e6, "cumulative revenue after five years (millions)"), charts, "tornado");

        Parameters p = model.parameters();
        MonteCarlo.Builder mc = MonteCarlo.builder(model).horizon(TimeStep.WEEK, TimeStep.WEEK.stepsIn(5))
                .runs(2_000).seed(42).threads(Runtime.getRuntime().availableProcessors()).sampleEvery(4);
        for (Parameter uncertain : List.of(Parameter.K_FACTOR, Parameter.CONVERSION_RATE, Parameter.FREE_CHURN_RATE,
                Parameter.PAID_CHURN_RATE, Parameter.LEARNING_EFFICIENCY, Parameter.PRICE_ELASTICITY)) {
            mc.range(ParameterRange.around(uncertain, p.get(uncertain), 0.3));
        }
        MonteCarloResult bands = mc.build().run();
        ChartFiles.save(BandChart.of(bands, Stock.PAYING_LEARNERS, 1_000, "thousand paying learners"), charts, "montecarlo");
        say("Monte Carlo (2,000 runs): paying learners after five years, 5%%/50%%/95%%: %,.0f / %,.0f / %,.0f",
                bands.metricPercentile(5), bands.metricPercentile(50), bands.metricPercentile(95));

        ScenarioComparison scenarios = ScenarioComparison.of(model, TimeStep.WEEK, TimeStep.WEEK.stepsIn(3), List.of(
                Scenario.named("+10% learning efficiency").times(Parameter.LEARNING_EFFICIENCY, 1.1),
                Scenario.named("-10% price").times(Parameter.PRICE, 0.9)));
        for (ScenarioComparison.Outcome o : scenarios.outcomes()) {
            say("  %-26s paying %+6.2f%%  revenue %+6.2f%%  contribution %+6.2f%%", o.scenario().name(),
                    100 * o.change().get(Metric.PAYING_LEARNERS), 100 * o.change().get(Metric.CUMULATIVE_REVENUE),
                    100 * o.change().get(Metric.CUMULATIVE_CONTRIBUTION));
        }

        UnitEconomics year1 = UnitEconomics.of(fiveYears, TimeStep.DAY.stepsIn(1));
        say("Year 1: ARPU %.2f, platform LTV %.0f (the platform's share of a paying learner's lifetime revenue), "
                + "blended CAC %.2f, payback %.1f months, creator earnings %.0f/month",
                year1.arpu(), year1.ltv(), year1.blendedCac(), year1.cacPaybackMonths(), year1.creatorEarningsPerMonth());

        Parameters truth = p.with(Parameter.CATALOGUE_HALF_SATURATION, 2_000);
        GrowthState platform = GrowthState.of(Map.of(Stock.PROSPECTS, 5_000_000.0, Stock.FREE_LEARNERS, 100_000.0,
                Stock.PAYING_LEARNERS, 30_000.0, Stock.LAPSED_LEARNERS, 20_000.0, Stock.CREATORS, 3_000.0,
                Stock.CATALOGUE, 200.0, Stock.COMMUNITY, 5_000.0));
        Observations observed = PlatformSimulator.simulate(GrowthModel.of(truth, platform), 36, 30, 7);
        CalibrationResult calibration = Calibration.fit(observed);
        say("Calibration on 36 simulated months:");
        for (ParameterEstimate e : calibration.estimates()) {
            say("  %-28s true %-12.6g fitted %-12.6g (%+.2f%%) %s", e.parameter().key(), truth.get(e.parameter()),
                    e.value(), 100 * (e.value() / truth.get(e.parameter()) - 1), e.method());
        }
        for (SeriesFit f : calibration.fits()) {
            say("  fit %-26s R2 %.4f%s", f.series(), f.rSquared(),
                    Double.isNaN(f.dispersion()) ? "" : String.format(Locale.ROOT, "  dispersion %.2f", f.dispersion()));
        }

        write(data, "trajectory.csv", fiveYears.toCsv());
        write(data, "trajectory.json", fiveYears.toJson());
        write(data, "loop.csv", loop.toCsv());
        write(data, "loop.json", loop.toJson());
        write(data, "equilibrium.json", eq.toJson());
        write(data, "tornado.csv", tornado.toCsv());
        write(data, "tornado.json", tornado.toJson());
        write(data, "montecarlo.csv", bands.toCsv());
        write(data, "montecarlo.json", bands.toJson());
        write(data, "scenarios.csv", scenarios.toCsv());
        write(data, "scenarios.json", scenarios.toJson());
        write(data, "unit-economics.json", year1.toJson());
        write(data, "calibration.csv", calibration.toCsv());
        write(data, "calibration.json", calibration.toJson());
        say("Charts in %s, data in %s", charts.toAbsolutePath(), data.toAbsolutePath());
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private static void write(Path dir, String name, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + name, e);
        }
    }
}
