package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.core.json.LearnloopJson;

/**
 * Where the loop settles and how fast it gets there. The model is integrated week by week for up to
 * {@code maxYears}; it is at equilibrium once no stock moves by more than {@code 1e-6} of its level per day over four
 * weeks. Saturation is read from the paying learners: the day they first reach 90% of their final level, and their
 * peak (a peak above the final level means the platform overshoots before settling).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reached                whether the equilibrium was reached within the horizon
 * @param days                   days until equilibrium (the horizon if not reached)
 * @param state                  the state at equilibrium (or at the horizon)
 * @param loopGain               the loop gain at that state; the loop has saturated when it has fallen to about 1
 *                               or below
 * @param marketCeiling          the population the market boundary flows settle at, market inflow over exit rate
 *                               (infinite if nobody leaves)
 * @param daysTo90PercentPaying  days until paying learners first reach 90% of their level at equilibrium
 * @param peakPayingLearners     the largest number of paying learners on the way
 * @param peakDay                the day of that peak
 */
public record Equilibrium(boolean reached, double days, GrowthState state, double loopGain, double marketCeiling,
                          double daysTo90PercentPaying, double peakPayingLearners, double peakDay) {
    /** Relative daily change below which a stock counts as settled. */
    public static final double TOLERANCE = 1e-6;

    /**
     * Searches the equilibrium of a model within 100 years.
     *
     * @param model the model
     * @return the equilibrium
     */
    public static Equilibrium of(GrowthModel model) {
        return of(model, 100);
    }

    /**
     * Searches the equilibrium of a model.
     *
     * @param model    the model
     * @param maxYears the horizon, between 1 and 1,000 years
     * @return the equilibrium
     */
    public static Equilibrium of(GrowthModel model, double maxYears) {
        new Validator().notNull("model", model)
                .check(Double.isFinite(maxYears) && maxYears >= 1 && maxYears <= 1000, "maxYears",
                        "must be between 1 and 1000 (was " + maxYears + ")")
                .throwIfInvalid();
        Trajectory run = model.simulate(TimeStep.WEEK, TimeStep.WEEK.stepsIn(maxYears));
        int window = 4;
        int settled = -1;
        for (int i = window; i < run.size(); i++) {
            if (settledBetween(run, i - window, i)) {
                settled = i;
                break;
            }
        }
        int end = settled >= 0 ? settled : run.size() - 1;
        double finalPaying = run.value(Stock.PAYING_LEARNERS, end);
        double peak = -1;
        double peakDay = 0;
        double to90 = Double.NaN;
        for (int i = 0; i <= end; i++) {
            double paying = run.value(Stock.PAYING_LEARNERS, i);
            if (paying > peak) {
                peak = paying;
                peakDay = run.day(i);
            }
            if (Double.isNaN(to90) && paying >= 0.9 * finalPaying) {
                to90 = run.day(i);
            }
        }
        Parameters p = model.parameters();
        double exit = p.get(Parameter.MARKET_EXIT_RATE);
        double ceiling = exit > 0 ? p.get(Parameter.MARKET_INFLOW) / exit : Double.POSITIVE_INFINITY;
        GrowthState state = run.state(end);
        return new Equilibrium(settled >= 0, run.day(end), state, LoopAnalysis.at(p, state).gain(), ceiling, to90,
                peak, peakDay);
    }

    private static boolean settledBetween(Trajectory run, int from, int to) {
        double days = run.day(to) - run.day(from);
        for (Stock s : Stock.values()) {
            double a = run.value(s, from);
            double b = run.value(s, to);
            if (Math.abs(b - a) / days > TOLERANCE * Math.max(1.0, Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The equilibrium as JSON.
     *
     * @return JSON text
     */
    public String toJson() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("reached", reached);
        m.put("days", days);
        m.put("state", state.byKey());
        m.put("loopGain", loopGain);
        m.put("marketCeiling", Double.isInfinite(marketCeiling) ? null : marketCeiling);
        m.put("daysTo90PercentPaying", daysTo90PercentPaying);
        m.put("peakPayingLearners", peakPayingLearners);
        m.put("peakDay", peakDay);
        return LearnloopJson.toJson(m);
    }
}
