package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Flows;

/**
 * Unit economics of the platform at one state, in money per month unless stated. Values are model averages in major
 * currency units, for planning; they are not ledger amounts.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param arpu                    revenue per active (free or paying) learner per month
 * @param arppu                   revenue per paying learner per month (the price)
 * @param paidLifetimeMonths      expected months a paying learner keeps paying
 * @param ltv                     platform margin over a paying learner's life (price times the platform's share
 *                                times the paid lifetime)
 * @param paidCac                 cost of one learner acquired by marketing at this state (rises as the market
 *                                saturates)
 * @param blendedCac              marketing spend over all acquisitions, paid and referred
 * @param conversionProbability   probability that an acquired learner ever pays
 * @param cacPaybackMonths        months of platform margin needed to earn back the blended cost of acquiring one
 *                                paying learner
 * @param ltvToCac                lifetime value of an acquired learner over the blended acquisition cost
 * @param creatorEarningsPerMonth average monthly earnings of one creator
 */
public record UnitEconomics(double arpu, double arppu, double paidLifetimeMonths, double ltv, double paidCac,
                            double blendedCac, double conversionProbability, double cacPaybackMonths,
                            double ltvToCac, double creatorEarningsPerMonth) {
    /**
     * Computes the unit economics at a state.
     *
     * @param parameters the parameters
     * @param state      the state
     * @return the unit economics
     */
    public static UnitEconomics at(Parameters parameters, GrowthState state) {
        new Validator().notNull("parameters", parameters).notNull("state", state).throwIfInvalid();
        double[] p = parameters.toArray();
        double[] y = new double[Flows.DIMENSION];
        System.arraycopy(state.toArray(), 0, y, 0, Flows.STOCKS);
        double[] r = new double[Flows.FLOWS];
        new Flows(p).rates(y, r);
        double free = y[Flows.F];
        double paying = y[Flows.S];
        double price = parameters.get(Parameter.PRICE);
        double take = 1 - parameters.get(Parameter.CREATOR_REVENUE_SHARE);
        double monthlyRevenue = r[Flows.REVENUE] * Flows.DAYS_PER_MONTH;
        double arpu = free + paying > 0 ? monthlyRevenue / (free + paying) : 0;
        LoopAnalysis loop = LoopAnalysis.at(parameters, state);
        double lifetimeMonths = loop.paidLifetimeDays() / Flows.DAYS_PER_MONTH;
        double ltv = price * take * lifetimeMonths;
        double spend = parameters.get(Parameter.MARKETING_SPEND);
        double paidPerDay = r[Flows.PAID_ACQUISITION];
        double acquisitions = paidPerDay + r[Flows.REFERRAL];
        double paidCac = paidPerDay > 0 ? spend / paidPerDay : Double.POSITIVE_INFINITY;
        double blendedCac = acquisitions > 0 ? spend / acquisitions : Double.POSITIVE_INFINITY;
        double pConv = loop.conversionProbability();
        double costPerPayer = pConv > 0 ? blendedCac / pConv : Double.POSITIVE_INFINITY;
        double payback = price * take > 0 ? costPerPayer / (price * take) : Double.POSITIVE_INFINITY;
        double ltvToCac = blendedCac > 0 ? pConv * ltv / blendedCac : Double.POSITIVE_INFINITY;
        double creators = y[Flows.C];
        double creatorEarnings = creators > 0 ? r[Flows.CREATOR_EARNINGS] * Flows.DAYS_PER_MONTH / creators : 0;
        return new UnitEconomics(arpu, price, lifetimeMonths, ltv, paidCac, blendedCac, pConv, payback, ltvToCac,
                creatorEarnings);
    }

    /**
     * Computes the unit economics at one point of a trajectory.
     *
     * @param trajectory the trajectory
     * @param index      the point
     * @return the unit economics
     */
    public static UnitEconomics of(Trajectory trajectory, int index) {
        return at(trajectory.model().parameters(), trajectory.state(index));
    }

    /**
     * The unit economics as JSON (infinite values, such as a CAC with no marketing, are written as null).
     *
     * @return JSON text
     */
    public String toJson() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("arpu", finite(arpu));
        m.put("arppu", finite(arppu));
        m.put("paidLifetimeMonths", finite(paidLifetimeMonths));
        m.put("ltv", finite(ltv));
        m.put("paidCac", finite(paidCac));
        m.put("blendedCac", finite(blendedCac));
        m.put("conversionProbability", finite(conversionProbability));
        m.put("cacPaybackMonths", finite(cacPaybackMonths));
        m.put("ltvToCac", finite(ltvToCac));
        m.put("creatorEarningsPerMonth", finite(creatorEarningsPerMonth));
        return LearnloopJson.toJson(m);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
