package io.learnloop.growth.internal;

/**
 * The loop gain of the stock-and-flow model at one state: how many new learners one new learner brings in through
 * word of mouth over its whole life on the platform, first as a free learner, then (if it converts) as a paying
 * one whose completions make it a better advocate. The same rates as {@link Flows}, linearised around the state.
 * Written on {@link Dual} numbers so that every elasticity is exact.
 *
 * <p>Thread-safe: stateless.
 */
public final class GainFormula {
    /** Index of the free-stage gain in the parts array. */
    public static final int FREE_STAGE = 0;
    /** Index of the paid-stage gain. */
    public static final int PAID_STAGE = 1;
    /** Index of the referral rate per active learner per day. */
    public static final int REFERRAL_RATE = 2;
    /** Index of the conversion probability. */
    public static final int CONVERSION_PROBABILITY = 3;
    /** Index of the completion probability. */
    public static final int COMPLETION_PROBABILITY = 4;
    /** Index of the expected paid lifetime in days. */
    public static final int PAID_LIFETIME = 5;
    /** Index of the expected free lifetime in days. */
    public static final int FREE_LIFETIME = 6;
    /** Number of parts. */
    public static final int PARTS = 7;

    private GainFormula() {
    }

    /**
     * Evaluates the gain and its parts.
     *
     * @param p      parameters in {@code Parameter} order, one of them possibly seeded as a variable
     * @param stocks the state in {@code Stock} order
     * @param parts  receives the parts, {@link #PARTS} long, or null
     * @return the gain
     */
    public static Dual gain(Dual[] p, double[] stocks, Dual[] parts) {
        double prospects = stocks[Flows.P];
        double population = prospects + stocks[Flows.F] + stocks[Flows.S] + stocks[Flows.L] + stocks[Flows.C];
        double prospectShare = population > 0 ? prospects / population : 0;
        double catalogue = stocks[Flows.K];
        double community = stocks[Flows.A];
        double paying = stocks[Flows.S];
        double creators = Math.max(stocks[Flows.C], 1.0);

        Dual catalogueQuality = Dual.constant(catalogue).div(p[7].plus(catalogue));
        Dual communityLevel = Dual.constant(community).div(p[29].plus(community));
        Dual priceFactor = p[12].times(p[10].div(p[11]).log()).times(-1).exp();
        Dual conversion = p[6].times(p[9].times(p[8]).plus(1)).times(priceFactor).times(catalogueQuality);
        Dual completionsPerDay = p[13].div(p[14]);
        Dual completion = completionsPerDay.div(completionsPerDay.plus(p[18]));
        Dual paidChurn = p[18].times(Dual.constant(1).minus(p[15].times(completion)));
        Dual referralRate = p[4].div(p[5]).times(p[30].times(communityLevel).plus(1)).times(prospectShare);
        Dual exit = p[1];
        Dual freeLifetime = conversion.plus(p[17]).plus(exit).inverse();
        Dual conversionProbability = conversion.times(freeLifetime);
        Dual earnings = p[23].times(p[10]).times(paying / creators);
        Dual join = p[20].times(earnings.div(earnings.plus(p[21])));
        Dual paidLifetime = paidChurn.plus(exit).plus(join).inverse();
        Dual freeStage = referralRate.times(freeLifetime);
        Dual paidStage = referralRate.times(conversionProbability).times(paidLifetime)
                .times(p[16].times(completion).plus(1));
        if (parts != null) {
            parts[FREE_STAGE] = freeStage;
            parts[PAID_STAGE] = paidStage;
            parts[REFERRAL_RATE] = referralRate;
            parts[CONVERSION_PROBABILITY] = conversionProbability;
            parts[COMPLETION_PROBABILITY] = completion;
            parts[PAID_LIFETIME] = paidLifetime;
            parts[FREE_LIFETIME] = freeLifetime;
        }
        return freeStage.plus(paidStage);
    }

    /**
     * The gain as a plain number.
     *
     * @param p      parameters in {@code Parameter} order
     * @param stocks the state in {@code Stock} order
     * @return the gain
     */
    public static double gain(double[] p, double[] stocks) {
        return gain(constants(p, -1), stocks, null).v();
    }

    /**
     * Wraps parameters as duals, seeding one of them.
     *
     * @param p      parameter values
     * @param seeded the index to differentiate along, or -1 for none
     * @return the duals
     */
    public static Dual[] constants(double[] p, int seeded) {
        Dual[] d = new Dual[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = i == seeded ? Dual.variable(p[i]) : Dual.constant(p[i]);
        }
        return d;
    }
}
