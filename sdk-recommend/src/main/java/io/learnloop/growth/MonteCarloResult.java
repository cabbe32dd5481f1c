package io.learnloop.growth;

import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link MonteCarlo} analysis: a percentile {@link Band} per stock at every sampled day, and the
 * distribution of the chosen metric at the end.
 *
 * <p>Thread-safe: immutable.
 */
public final class MonteCarloResult {
    private final Metric metric;
    private final double[] days;
    private final Map<Stock, Band> bands;
    private final double[] metricValues;
    private final double[] metricSorted;
    private final long seed;

    private MonteCarloResult(Metric metric, double[] days, Map<Stock, Band> bands, double[] metricValues, long seed) {
        this.metric = metric;
        this.days = days;
        this.bands = bands;
        this.metricValues = metricValues;
        this.metricSorted = metricValues.clone();
        Arrays.sort(metricSorted);
        this.seed = seed;
    }

    static MonteCarloResult summarise(Metric metric, double[] days, double[][] values, double[] metricValues, int runs,
                                      long seed) {
        Map<Stock, Band> bands = new EnumMap<>(Stock.class);
        double[] column = new double[runs];
        for (Stock stock : Stock.values()) {
            double[][] lines = new double[Band.PERCENTILES.length][days.length];
            double[] mean = new double[days.length];
            for (int s = 0; s < days.length; s++) {
                System.arraycopy(values[stock.ordinal()], s * runs, column, 0, runs);
                double sum = 0;
                for (double v : column) {
                    sum += v;
                }
                mean[s] = sum / runs;
                Arrays.sort(column);
                for (int q = 0; q < Band.PERCENTILES.length; q++) {
                    lines[q][s] = Band.percentileOfSorted(column, Band.PERCENTILES[q]);
                }
            }
            bands.put(stock, new Band(lines, mean));
        }
        return new MonteCarloResult(metric, days, Collections.unmodifiableMap(bands), metricValues, seed);
    }

    /**
     * The metric whose distribution is reported.
     *
     * @return the metric
     */
    public Metric metric() {
        return metric;
    }

    /**
     * The sampled days.
     *
     * @return a copy
     */
    public double[] days() {
        return days.clone();
    }

    /**
     * The band of one stock.
     *
     * @param stock the stock
     * @return its percentiles at every sampled day
     */
    public Band band(Stock stock) {
        return bands.get(stock);
    }

    /**
     * The number of runs.
     *
     * @return the runs
     */
    public int runs() {
        return metricValues.length;
    }

    /**
     * The seed used.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The metric of every run, by run index.
     *
     * @return a copy
     */
    public double[] metricValues() {
        return metricValues.clone();
    }

    /**
     * A percentile of the metric across runs.
     *
     * @param percentile between 0 and 100
     * @return the percentile
     * @throws io.learnloop.core.error.ValidationException if the percentile is out of range
     */
    public double metricPercentile(double percentile) {
        new io.learnloop.core.error.Validator().check(percentile >= 0 && percentile <= 100, "percentile",
                "must be between 0 and 100 (was " + percentile + ")").throwIfInvalid();
        return Band.percentileOfSorted(metricSorted, percentile);
    }

    /**
     * The bands as CSV in long form: day, stock, mean and each percentile.
     *
     * @return CSV text
     */
    public String toCsv() {
        List<String> header = new ArrayList<>(List.of("day", "stock", "mean"));
        for (double q : Band.PERCENTILES) {
            header.add("p" + (int) q);
        }
        Csv csv = new Csv(header);
        for (Stock stock : Stock.values()) {
            Band band = bands.get(stock);
            for (int s = 0; s < days.length; s++) {
                List<Object> row = new ArrayList<>(List.of(days[s], stock.key(), band.meanAt(s)));
                for (int q = 0; q < Band.PERCENTILES.length; q++) {
                    row.add(band.line(q, s));
                }
                csv.row(row);
            }
        }
        return csv.toString();
    }

    /**
     * The result as JSON: days, the band of every stock, and the metric's percentiles.
     *
     * @return JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs());
        m.put("seed", seed);
        m.put("days", days);
        Map<String, Object> b = new LinkedHashMap<>();
        for (Stock stock : Stock.values()) {
            Map<String, Object> lines = new LinkedHashMap<>();
            lines.put("mean", bands.get(stock).mean());
            for (double q : Band.PERCENTILES) {
                lines.put("p" + (int) q, bands.get(stock).percentile(q));
            }
            b.put(stock.key(), lines);
        }
        m.put("bands", b);
        Map<String, Object> dist = new LinkedHashMap<>();
        dist.put("metric", metric.key());
        for (double q : Band.PERCENTILES) {
            dist.put("p" + (int) q, metricPercentile(q));
        }
        m.put("metricDistribution", dist);
        return LearnloopJson.toJson(m);
    }
}
