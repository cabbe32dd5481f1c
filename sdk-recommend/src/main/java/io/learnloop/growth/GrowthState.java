package io.learnloop.growth;

import io.learnloop.core.error.Validator;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The level of every {@link Stock} at one moment, used as the initial state of a simulation and as the result of an
 * equilibrium search.
 *
 * <p>Thread-safe: immutable.
 */
public final class GrowthState {
    private static final Stock[] STOCKS = Stock.values();
    private static final GrowthState DEFAULTS = new GrowthState(new double[]{990_000, 8_000, 1_500, 0, 50, 100, 500});

    private final double[] levels;

    private GrowthState(double[] levels) {
        this.levels = levels;
    }

    /**
     * A platform a few months after launch in a market of one million people: 8,000 free and 1,500 paying
     * learners, 50 creators, 100 courses and 500 live community posts.
     *
     * @return the default initial state
     */
    public static GrowthState defaults() {
        return DEFAULTS;
    }

    /**
     * Builds a state; stocks absent from the map are zero.
     *
     * @param levels levels by stock
     * @return the validated state
     * @throws io.learnloop.core.error.ValidationException naming each stock that is negative, NaN or infinite, and
     *                                                     {@code initialState.population} if no stock holds people
     */
    public static GrowthState of(Map<Stock, Double> levels) {
        double[] v = new double[STOCKS.length];
        Validator validator = new Validator().notNull("initialState", levels);
        if (levels != null) {
            for (Map.Entry<Stock, Double> e : levels.entrySet()) {
                Stock s = e.getKey();
                validator.check(s != null, "initialState", "stock must not be null");
                if (s == null) {
                    continue;
                }
                Double level = e.getValue();
                String field = "initialState." + s.key();
                if (level == null) {
                    validator.check(false, field, "is required");
                    continue;
                }
                validator.check(!Double.isNaN(level), field, "must be a number (was NaN), in " + s.unit())
                        .check(!Double.isInfinite(level), field, "must be finite (was " + level + "), in " + s.unit())
                        .check(!(level < 0), field, "must not be negative (was " + level + "), in " + s.unit());
                v[s.ordinal()] = level;
            }
        }
        if (validator.isValid()) {
            validator.check(population(v) > 0, "initialState.population",
                    "must hold at least one person in prospects, free, paying, lapsed learners or creators");
        }
        validator.throwIfInvalid();
        return new GrowthState(v);
    }

    static GrowthState ofArray(double[] levels) {
        Map<Stock, Double> m = new EnumMap<>(Stock.class);
        for (Stock s : STOCKS) {
            m.put(s, levels[s.ordinal()]);
        }
        return of(m);
    }

    /**
     * A copy with one stock changed.
     *
     * @param stock the stock
     * @param level its new level
     * @return the new state
     */
    public GrowthState with(Stock stock, double level) {
        Map<Stock, Double> m = new EnumMap<>(asMap());
        m.put(stock, level);
        return of(m);
    }

    /**
     * The level of one stock.
     *
     * @param stock the stock
     * @return its level in its {@link Stock#unit() unit}
     */
    public double get(Stock stock) {
        return levels[stock.ordinal()];
    }

    /**
     * The number of people in the five population stocks.
     *
     * @return the population
     */
    public double population() {
        return population(levels);
    }

    /**
     * Levels in {@link Stock} order.
     *
     * @return a copy of the levels
     */
    public double[] toArray() {
        return levels.clone();
    }

    /**
     * Levels by stock.
     *
     * @return an unmodifiable map
     */
    public Map<Stock, Double> asMap() {
        Map<Stock, Double> m = new EnumMap<>(Stock.class);
        for (Stock s : STOCKS) {
            m.put(s, levels[s.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Levels by key, as written to JSON and CSV.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Double> byKey() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Stock s : STOCKS) {
            m.put(s.key(), levels[s.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static double population(double[] v) {
        double n = 0;
        for (Stock s : STOCKS) {
            if (s.isPeople()) {
                n += v[s.ordinal()];
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrowthState other && Arrays.equals(levels, other.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "GrowthState" + byKey();
    }
}
