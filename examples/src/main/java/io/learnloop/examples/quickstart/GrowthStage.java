package io.learnloop.examples.quickstart;

import io.learnloop.community.Post;
import io.learnloop.examples.growth.ChartFiles;
import io.learnloop.examples.growth.GainChart;
import io.learnloop.examples.growth.StockChart;
import io.learnloop.examples.growth.TornadoChart;
import io.learnloop.growth.Calibration;
import io.learnloop.growth.CalibrationResult;
import io.learnloop.growth.Elasticity;
import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.GrowthState;
import io.learnloop.growth.LoopAnalysis;
import io.learnloop.growth.Metric;
import io.learnloop.growth.Observations;
import io.learnloop.growth.ObservedPeriod;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.ParameterEstimate;
import io.learnloop.growth.Parameters;
import io.learnloop.growth.SeriesFit;
import io.learnloop.growth.Stock;
import io.learnloop.growth.StoreObservations;
import io.learnloop.growth.TimeStep;
import io.learnloop.growth.Tornado;
import io.learnloop.growth.Trajectory;
import io.learnloop.growth.UnitEconomics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 8: the growth loop, calibrated from what just happened. The observations are read from the store week by
 * week ({@link StoreObservations}), the model's rates are fitted to them, and the fitted loop is analysed (loop
 * gain, strongest levers), projected two years ahead, and drawn: observed against fitted paying learners, the
 * projected stocks, the loop gain over time and a tornado of the levers, as PNG and SVG.
 *
 * <p>Not thread-safe.
 */
public final class GrowthStage {
    /** The market estimate: how many people the demo academy could reach at all. */
    public static final long MARKET = 2_000;

    private final DemoPlatform platform;
    private final Narrator narrator;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     */
    public GrowthStage(DemoPlatform platform, Narrator narrator) {
        this.platform = platform;
        this.narrator = narrator;
    }

    /**
     * What the stage produced.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param observations the weekly observations read from the store
     * @param calibration  the fitted parameters and goodness of fit
     * @param loop         the loop analysis at the last observed week
     * @param economics    unit economics at the last observed week
     * @param charts       the folder the charts were written to
     * @param files        every file written (charts and data)
     */
    public record Result(Observations observations, CalibrationResult calibration, LoopAnalysis loop,
                         UnitEconomics economics, Path charts, List<Path> files) {
        /**
         * Copies the files.
         *
         * @param observations the observations
         * @param calibration  the calibration
         * @param loop         the loop analysis
         * @param economics    the unit economics
         * @param charts       the chart folder
         * @param files        the files
         */
        public Result {
            files = List.copyOf(files);
        }
    }

    /**
     * Runs the stage.
     *
     * @param periods how many weeks, from the start of the story, to observe
     * @return the report
     */
    public Result run(int periods) {
        narrator.stage("The growth loop, calibrated from what just happened");
        List<StoreObservations.Member> members = platform.members().stream()
                .map(m -> new StoreObservations.Member(m.id(), m.joinedAt(), m.referrer())).toList();
        List<java.time.Instant> posts = platform.community().latestPosts(platform.cast().reviewer()).streamAll()
                .map(Post::createdAt).toList();
        Observations obs = StoreObservations.builder(platform.learnloop(), DemoPlatform.FINANCE, MARKET)
                .members(members)
                .advertSpend(platform.advertSpend())
                .communityPosts(posts)
                .build()
                .observe(QuickstartDemo.START, Duration.ofDays(7), periods);
        long signups = 0;
        long conversions = 0;
        long revenue = 0;
        for (ObservedPeriod p : obs.periods()) {
            signups += p.paidSignups() + p.referralSignups();
            conversions += p.conversions();
            revenue += p.revenueMinor();
        }
        narrator.say("Read %d weeks from the store: %d sign-ups, %d first payments, revenue %.2f CNY, %d paying cohorts",
                obs.periods().size(), signups, conversions, revenue / 100.0, obs.cohorts().size());
        // a small academy: catalogue quality half-saturates at ten courses, not at the default's thousands
        Parameters priors = Parameters.defaults().with(Parameter.LESSONS_PER_COURSE, obs.lessonsPerCourse())
                .with(Parameter.CATALOGUE_HALF_SATURATION, 10);
        // conversion was measured at the academy's own price: make that the reference, so no price effect is undone
        double price = Calibration.fit(obs, priors).estimate(Parameter.PRICE).value();
        CalibrationResult fit = Calibration.fit(obs, priors.with(Parameter.REFERENCE_PRICE, price));
        narrator.say("Fitted rates (the rest stay at their documented priors):");
        for (Parameter p : List.of(Parameter.CONVERSION_RATE, Parameter.LEARNING_EFFICIENCY, Parameter.REVIEW_RATE,
                Parameter.K_FACTOR, Parameter.PAID_CHURN_RATE, Parameter.PRICE, Parameter.CREATOR_REVENUE_SHARE)) {
            if (!fit.heldAtPrior().contains(p)) {
                ParameterEstimate e = fit.estimate(p);
                narrator.detail("%-22s %10.4g %-20s (%s)", p.key(), e.value(), p.unit(), e.method());
            }
        }
        SeriesFit payingFit = fit.fits().stream()
                .filter(f -> f.series().equals("simulated " + Stock.PAYING_LEARNERS.key())).findFirst().orElse(null);
        if (payingFit != null) {
            narrator.detail("paying learners, simulated from week 0 against observed: R2 %.2f, RMSE %.2f",
                    payingFit.rSquared(), payingFit.rmse());
        }

        ObservedPeriod last = obs.periods().get(obs.periods().size() - 1);
        GrowthState now = GrowthState.of(Map.of(Stock.PROSPECTS, last.avgProspects(), Stock.FREE_LEARNERS, last.avgFree(),
                Stock.PAYING_LEARNERS, last.avgPaying(), Stock.LAPSED_LEARNERS, last.avgLapsed(),
                Stock.CREATORS, last.avgCreators(), Stock.CATALOGUE, last.avgCatalogue(),
                Stock.COMMUNITY, last.avgCommunity()));
        GrowthModel model = GrowthModel.of(fit.parameters(), now);
        LoopAnalysis loop = LoopAnalysis.of(model);
        narrator.say("Loop gain %.3f per cycle: the loop %s. Strongest levers:", loop.gain(),
                loop.amplifies() ? "amplifies (each learner brings back more than one)" : "does not yet sustain itself");
        for (Elasticity e : loop.elasticities().subList(0, Math.min(4, loop.elasticities().size()))) {
            narrator.detail("%-28s elasticity %+.3f", e.key(), e.elasticity());
        }
        UnitEconomics economics = UnitEconomics.at(fit.parameters(), now);
        // UnitEconomics.ltv() is the platform's margin, not what a learner pays in all: say so next to the number
        narrator.say("Unit economics now: ARPPU %.2f CNY/month, paid lifetime %.1f months, platform LTV %.2f CNY "
                + "(the platform's %.0f%% share of the %.2f CNY a paying learner pays over that lifetime)",
                economics.arppu(), economics.paidLifetimeMonths(), economics.ltv(),
                100 * (1 - fit.parameters().get(Parameter.CREATOR_REVENUE_SHARE)),
                economics.arppu() * economics.paidLifetimeMonths());

        Narrator.Progress bar = narrator.progress("projecting and drawing", 5);
        Trajectory projection = model.simulate(TimeStep.DAY, TimeStep.DAY.stepsIn(2));
        bar.step();
        Path charts = platform.folder().resolve("charts");
        List<Path> files = new ArrayList<>();
        save(observedVsFitted(obs, payingFit), charts, "observed-vs-fitted", files);
        bar.step();
        save(StockChart.of(projection, "Learners, projected two years from the calibrated loop",
                List.of(Stock.FREE_LEARNERS, Stock.PAYING_LEARNERS, Stock.LAPSED_LEARNERS, Stock.CREATORS), 1, "people"),
                charts, "projected-stocks", files);
        bar.step();
        save(GainChart.of(projection), charts, "loop-gain", files);
        bar.step();
        Set<Parameter> levers = EnumSet.complementOf(EnumSet.of(Parameter.REFERENCE_PRICE));
        Tornado tornado = Tornado.of(model, TimeStep.WEEK, TimeStep.WEEK.stepsIn(1), Metric.CUMULATIVE_REVENUE, 0.2, levers);
        save(TornadoChart.of(tornado, 10, 1, "cumulative revenue after one year (CNY)"), charts, "tornado", files);
        bar.step();
        files.add(write(charts.resolve("calibration.json"), fit.toJson()));
        files.add(write(charts.resolve("calibration.csv"), fit.toCsv()));
        files.add(write(charts.resolve("loop.json"), loop.toJson()));
        files.add(write(charts.resolve("projection.csv"), projection.toCsv()));
        narrator.say("Projected two years ahead: %.0f paying learners, %.0f creators, %.0f courses",
                projection.last(Stock.PAYING_LEARNERS), projection.last(Stock.CREATORS), projection.last(Stock.CATALOGUE));
        narrator.say("Charts and data written to %s", charts);
        for (Path f : files) {
            narrator.detail("%s", f.getFileName());
        }
        return new Result(obs, fit, loop, economics, charts, files);
    }

    private static XYChart observedVsFitted(Observations obs, SeriesFit fit) {
        XYChart chart = new XYChartBuilder().width(ChartFiles.WIDTH).height(ChartFiles.HEIGHT)
                .title("Paying learners per week: observed in the store vs the calibrated model")
                .xAxisTitle("week").yAxisTitle("paying learners (weekly average)").build();
        ChartFiles.style(chart.getStyler());
        int n = obs.periods().size();
        double[] weeks = new double[n];
        double[] observed = new double[n];
        for (int i = 0; i < n; i++) {
            weeks[i] = i;
            observed[i] = obs.periods().get(i).avgPaying();
        }
        chart.addSeries("observed", weeks, observed);
        if (fit != null && fit.predicted().size() == n) {
            double[] predicted = new double[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = fit.predicted().get(i);
            }
            chart.addSeries("calibrated model", weeks, predicted);
        }
        return chart;
    }

    private static void save(XYChart chart, Path dir, String name, List<Path> files) {
        ChartFiles.save(chart, dir, name);
        files.add(dir.resolve(name + ".png"));
        files.add(dir.resolve(name + ".svg"));
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
