package io.learnloop.growth;

import io.learnloop.growth.internal.Flows;
import io.learnloop.growth.internal.GainFormula;

/**
 * A single number read from the end of a simulation, the output of sensitivity, Monte Carlo and scenario analyses.
 *
 * <p>Thread-safe: an enum.
 */
public enum Metric {
    /** Paying learners at the end. */
    PAYING_LEARNERS("payingLearners", "people"),
    /** Free plus paying learners at the end. */
    ACTIVE_LEARNERS("activeLearners", "people"),
    /** Creators at the end. */
    CREATORS("creators", "people"),
    /** Catalogue size at the end. */
    CATALOGUE("catalogue", "courses"),
    /** Community activity at the end. */
    COMMUNITY("community", "posts"),
    /** Monthly recurring revenue at the end. */
    MONTHLY_REVENUE("monthlyRevenue", "money/month"),
    /** Revenue over the whole run. */
    CUMULATIVE_REVENUE("cumulativeRevenue", "money"),
    /** Revenue minus creator earnings minus marketing spend, over the whole run. */
    CUMULATIVE_CONTRIBUTION("cumulativeContribution", "money"),
    /** The loop gain at the end (see {@link LoopAnalysis}). */
    LOOP_GAIN("loopGain", "dimensionless");

    private final String key;
    private final String unit;

    Metric(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /**
     * The name used in CSV and JSON.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * The unit.
     *
     * @return the unit
     */
    public String unit() {
        return unit;
    }

    /**
     * Reads the metric at the end of a trajectory.
     *
     * @param trajectory the trajectory
     * @return the value
     */
    public double of(Trajectory trajectory) {
        int last = trajectory.size() - 1;
        double[] y = new double[Flows.DIMENSION];
        for (Stock s : Stock.values()) {
            y[s.ordinal()] = trajectory.value(s, last);
        }
        for (Total t : Total.values()) {
            y[Flows.STOCKS + t.ordinal()] = trajectory.total(t, last);
        }
        return of(y, trajectory.model().parameters().toArray());
    }

    double of(double[] y, double[] p) {
        return switch (this) {
            case PAYING_LEARNERS -> y[Flows.S];
            case ACTIVE_LEARNERS -> y[Flows.F] + y[Flows.S];
            case CREATORS -> y[Flows.C];
            case CATALOGUE -> y[Flows.K];
            case COMMUNITY -> y[Flows.A];
            case MONTHLY_REVENUE -> y[Flows.S] * p[Parameter.PRICE.ordinal()];
            case CUMULATIVE_REVENUE -> y[Flows.STOCKS + Total.REVENUE.ordinal()];
            case CUMULATIVE_CONTRIBUTION -> y[Flows.STOCKS + Total.REVENUE.ordinal()]
                    - y[Flows.STOCKS + Total.CREATOR_EARNINGS.ordinal()] - y[Flows.STOCKS + Total.MARKETING_SPEND.ordinal()];
            case LOOP_GAIN -> {
                double[] stocks = new double[Flows.STOCKS];
                System.arraycopy(y, 0, stocks, 0, Flows.STOCKS);
                yield GainFormula.gain(p, stocks);
            }
        };
    }
}
