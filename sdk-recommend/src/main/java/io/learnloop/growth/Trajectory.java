package io.learnloop.growth;

import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Csv;
import io.learnloop.growth.internal.Flows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a simulation: every stock and running total at every step, with the largest conservation residual
 * the run saw.
 *
 * <p>Thread-safe: immutable.
 */
public final class Trajectory {
    private static final int WIDTH = Flows.DIMENSION;

    private final GrowthModel model;
    private final TimeStep step;
    private final double[] days;
    private final double[] values;
    private final double conservationResidual;

    private Trajectory(GrowthModel model, TimeStep step, double[] days, double[] values, double conservationResidual) {
        this.model = model;
        this.step = step;
        this.days = days;
        this.values = values;
        this.conservationResidual = conservationResidual;
    }

    /** Collects the steps of one run. Not thread-safe. */
    static final class Recorder {
        private final double[] days;
        private final double[] values;

        Recorder(int steps) {
            days = new double[steps + 1];
            values = new double[(steps + 1) * WIDTH];
        }

        void record(int index, double day, double[] y) {
            days[index] = day;
            System.arraycopy(y, 0, values, index * WIDTH, WIDTH);
        }

        Trajectory finish(GrowthModel model, TimeStep step, double residual) {
            return new Trajectory(model, step, days, values, residual);
        }
    }

    /**
     * The model that produced this trajectory.
     *
     * @return the model
     */
    public GrowthModel model() {
        return model;
    }

    /**
     * The reporting step.
     *
     * @return the step
     */
    public TimeStep step() {
        return step;
    }

    /**
     * The number of recorded points: the initial state plus one per step.
     *
     * @return the number of points
     */
    public int size() {
        return days.length;
    }

    /**
     * Days since the start at point {@code index}.
     *
     * @param index the point
     * @return the day
     */
    public double day(int index) {
        return days[index];
    }

    /**
     * A stock at point {@code index}.
     *
     * @param stock the stock
     * @param index the point
     * @return its level
     */
    public double value(Stock stock, int index) {
        return values[index * WIDTH + stock.ordinal()];
    }

    /**
     * A running total at point {@code index}.
     *
     * @param total the total
     * @param index the point
     * @return the total since day 0
     */
    public double total(Total total, int index) {
        return values[index * WIDTH + Flows.STOCKS + total.ordinal()];
    }

    /**
     * A stock at the last point.
     *
     * @param stock the stock
     * @return its final level
     */
    public double last(Stock stock) {
        return value(stock, size() - 1);
    }

    /**
     * A running total at the last point.
     *
     * @param total the total
     * @return its final value
     */
    public double last(Total total) {
        return total(total, size() - 1);
    }

    /**
     * The state at point {@code index}.
     *
     * @param index the point
     * @return the state
     */
    public GrowthState state(int index) {
        double[] s = new double[Flows.STOCKS];
        for (int i = 0; i < Flows.STOCKS; i++) {
            double v = values[index * WIDTH + i];
            // rounding can leave an emptied stock a hair below zero; anything larger is left for validation to refuse
            s[i] = v < 0 && v > -1e-6 ? 0 : v;
        }
        return GrowthState.ofArray(s);
    }

    /**
     * The days of every point.
     *
     * @return a copy
     */
    public double[] days() {
        return days.clone();
    }

    /**
     * One stock over time.
     *
     * @param stock the stock
     * @return its level at every point
     */
    public double[] series(Stock stock) {
        double[] s = new double[size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = value(stock, i);
        }
        return s;
    }

    /**
     * One running total over time.
     *
     * @param total the total
     * @return its value at every point
     */
    public double[] series(Total total) {
        double[] s = new double[size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = total(total, i);
        }
        return s;
    }

    /**
     * The population (the five people stocks) at point {@code index}.
     *
     * @param index the point
     * @return people
     */
    public double population(int index) {
        double n = 0;
        for (Stock s : Stock.values()) {
            if (s.isPeople()) {
                n += value(s, index);
            }
        }
        return n;
    }

    /**
     * The largest relative difference, over every sub-step, between the population and its initial value plus the
     * net flow across the market boundary. The simulation fails if it exceeds {@code 1e-9}.
     *
     * @return the residual
     */
    public double conservationResidual() {
        return conservationResidual;
    }

    /**
     * The trajectory as CSV: a header, then one row per point with the day, each stock and each running total.
     *
     * @return RFC 4180 CSV text
     */
    public String toCsv() {
        List<String> header = new ArrayList<>();
        header.add("day");
        for (Stock s : Stock.values()) {
            header.add(s.key());
        }
        for (Total t : Total.values()) {
            header.add(t.key());
        }
        Csv csv = new Csv(header);
        for (int i = 0; i < size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(days[i]);
            for (int j = 0; j < WIDTH; j++) {
                row.add(values[i * WIDTH + j]);
            }
            csv.row(row);
        }
        return csv.toString();
    }

    /**
     * The trajectory as JSON: step, parameters, initial state, days, each stock and each total as arrays, and the
     * conservation residual.
     *
     * @return JSON text
     */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", step.name());
        json.put("parameters", model.parameters().byKey());
        json.put("initialState", model.initialState().byKey());
        json.put("days", days);
        Map<String, double[]> stocks = new LinkedHashMap<>();
        for (Stock s : Stock.values()) {
            stocks.put(s.key(), series(s));
        }
        json.put("stocks", stocks);
        Map<String, double[]> totals = new LinkedHashMap<>();
        for (Total t : Total.values()) {
            totals.put(t.key(), series(t));
        }
        json.put("totals", totals);
        json.put("conservationResidual", conservationResidual);
        return LearnloopJson.toJson(json);
    }
}
