package io.learnloop.growth.internal;

/**
 * The equations of the stock-and-flow model. Every flow is computed once by {@link #rates}, so the deterministic
 * integrator and the stochastic platform simulator use the very same rates; {@link #derivatives} then routes each
 * people flow out of exactly one stock and into exactly one other (or across the market boundary), which is what
 * makes the population conserved by construction.
 *
 * <p>State layout: the seven stocks in {@code Stock} order, then the running totals in {@code Total} order.
 * Parameter layout: {@code Parameter} declaration order.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class Flows {
    /** State index of prospects. */
    public static final int P = 0;
    /** State index of free learners. */
    public static final int F = 1;
    /** State index of paying learners. */
    public static final int S = 2;
    /** State index of lapsed learners. */
    public static final int L = 3;
    /** State index of creators. */
    public static final int C = 4;
    /** State index of the catalogue. */
    public static final int K = 5;
    /** State index of community activity. */
    public static final int A = 6;
    /** Number of stocks. */
    public static final int STOCKS = 7;
    /** Number of running totals. */
    public static final int TOTALS = 9;
    /** Length of the state vector. */
    public static final int DIMENSION = STOCKS + TOTALS;

    /** Flow index: people entering the market. */
    public static final int INFLOW = 0;
    /** Flow index: prospects to free learners through paid marketing. */
    public static final int PAID_ACQUISITION = 1;
    /** Flow index: prospects to free learners through referral. */
    public static final int REFERRAL = 2;
    /** Flow index: free to paying. */
    public static final int CONVERSION = 3;
    /** Flow index: free to lapsed. */
    public static final int FREE_CHURN = 4;
    /** Flow index: paying to lapsed. */
    public static final int PAID_CHURN = 5;
    /** Flow index: lapsed to free. */
    public static final int WINBACK = 6;
    /** Flow index: paying to creators. */
    public static final int CREATOR_JOIN = 7;
    /** Flow index: creators to lapsed. */
    public static final int CREATOR_CHURN = 8;
    /** Flow index: exits from prospects; the next four indexes are the other population stocks in order. */
    public static final int EXIT_P = 9;
    /** Flow index: courses published. */
    public static final int PUBLISH = 14;
    /** Flow index: courses retired. */
    public static final int RETIRE = 15;
    /** Flow index: community posts written (excluding reviews). */
    public static final int POSTS = 16;
    /** Flow index: reviews written. */
    public static final int REVIEWS = 17;
    /** Flow index: community activity going quiet. */
    public static final int DECAY = 18;
    /** Flow index: courses completed. */
    public static final int COMPLETIONS = 19;
    /** Flow index: revenue per day. */
    public static final int REVENUE = 20;
    /** Flow index: creator earnings per day. */
    public static final int CREATOR_EARNINGS = 21;
    /** Flow index: marketing spend per day. */
    public static final int SPEND = 22;
    /** Number of flows. */
    public static final int FLOWS = 23;

    /** Days in an average month, for monthly prices and earnings. */
    public static final double DAYS_PER_MONTH = 365.25 / 12.0;
    private static final double MONTHS_PER_DAY = 12.0 / 365.25;

    private final double inflow;
    private final double exit;
    private final double spend;
    private final double paidPerProspectShare;
    private final double referralPerDay;
    private final double conversionCeiling;
    private final double catalogueHalf;
    private final double completionWordOfMouth;
    private final double freeChurn;
    private final double paidChurnEffective;
    private final double completionsPerPayer;
    private final double winback;
    private final double creatorJoin;
    private final double reservation;
    private final double creatorChurn;
    private final double creatorShare;
    private final double price;
    private final double production;
    private final double retirement;
    private final double reviewRate;
    private final double postRate;
    private final double decay;
    private final double communityHalf;
    private final double communityReferral;
    private final double communityWinback;
    private final double completionProbability;
    private final double payingReferralWeight;

    /**
     * Precomputes the constant parts of every rate.
     *
     * @param p parameter values in {@code Parameter} declaration order
     */
    public Flows(double[] p) {
        inflow = p[0];
        exit = p[1];
        spend = p[2];
        paidPerProspectShare = p[2] / p[3];
        referralPerDay = p[4] / p[5];
        conversionCeiling = p[6] * (1 + p[9] * p[8]) * Math.pow(p[10] / p[11], -p[12]);
        catalogueHalf = p[7];
        completionsPerPayer = p[13] / p[14];
        completionProbability = completionProbability(completionsPerPayer, p[18]);
        paidChurnEffective = p[18] * (1 - p[15] * completionProbability);
        completionWordOfMouth = p[16];
        freeChurn = p[17];
        winback = p[19];
        creatorJoin = p[20];
        reservation = p[21];
        creatorChurn = p[22];
        creatorShare = p[23];
        price = p[10];
        production = p[24];
        retirement = p[25];
        reviewRate = p[26];
        postRate = p[27];
        decay = p[28];
        communityHalf = p[29];
        communityReferral = p[30];
        communityWinback = p[31];
        payingReferralWeight = 1 + completionWordOfMouth * completionProbability;
    }

    /**
     * The probability that a paying learner completes a course before churning: completion intensity over
     * completion intensity plus base churn.
     *
     * @param completionsPerDay courses completed per paying learner per day
     * @param baseChurn         the base paid churn rate per day
     * @return the probability, 0 if both are 0
     */
    public static double completionProbability(double completionsPerDay, double baseChurn) {
        double sum = completionsPerDay + baseChurn;
        return sum > 0 ? completionsPerDay / sum : 0;
    }

    /**
     * Writes every flow (per day) at state {@code y} into {@code out}.
     *
     * @param y   the state (only the stocks are read)
     * @param out receives {@link #FLOWS} rates
     */
    public void rates(double[] y, double[] out) {
        double prospects = y[P];
        double free = y[F];
        double paying = y[S];
        double lapsed = y[L];
        double creators = y[C];
        double catalogue = y[K];
        double community = y[A];
        double population = prospects + free + paying + lapsed + creators;
        double prospectShare = population > 0 ? prospects / population : 0;
        double catalogueQuality = catalogue > 0 ? catalogue / (catalogue + catalogueHalf) : 0;
        double communityLevel = community > 0 ? community / (community + communityHalf) : 0;

        double referrers = free + paying * payingReferralWeight + creators;
        double monthlyRevenue = paying * price;
        // earnings per creator e = share * revenue / creators; the pull e / (e + reservation) without dividing twice
        double creatorPool = creatorShare * monthlyRevenue;
        double poolDenominator = creatorPool + reservation * Math.max(creators, 1.0);
        double joinPull = poolDenominator > 0 ? creatorPool / poolDenominator : 0;
        double completions = completionsPerPayer * paying;

        out[INFLOW] = inflow;
        out[PAID_ACQUISITION] = paidPerProspectShare * prospectShare;
        out[REFERRAL] = referralPerDay * referrers * (1 + communityReferral * communityLevel) * prospectShare;
        out[CONVERSION] = conversionCeiling * catalogueQuality * free;
        out[FREE_CHURN] = freeChurn * free;
        out[PAID_CHURN] = paidChurnEffective * paying;
        out[WINBACK] = winback * (1 + communityWinback * communityLevel) * lapsed;
        out[CREATOR_JOIN] = creatorJoin * joinPull * paying;
        out[CREATOR_CHURN] = creatorChurn * creators;
        out[EXIT_P] = exit * prospects;
        out[EXIT_P + 1] = exit * free;
        out[EXIT_P + 2] = exit * paying;
        out[EXIT_P + 3] = exit * lapsed;
        out[EXIT_P + 4] = exit * creators;
        out[PUBLISH] = production * creators;
        out[RETIRE] = retirement * catalogue;
        out[POSTS] = postRate * (free + paying + creators);
        out[REVIEWS] = reviewRate * completions;
        out[DECAY] = decay * community;
        out[COMPLETIONS] = completions;
        out[REVENUE] = monthlyRevenue * MONTHS_PER_DAY;
        out[CREATOR_EARNINGS] = creatorPool * MONTHS_PER_DAY;
        out[SPEND] = spend;
    }

    /**
     * Routes the flows into stock derivatives; {@code flows} must come from {@link #rates} (or be a realisation of
     * them, as in the stochastic simulator).
     *
     * @param r  the flows
     * @param dy receives the derivatives (or, for realised counts, the changes)
     */
    public static void route(double[] r, double[] dy) {
        dy[P] = r[INFLOW] - r[PAID_ACQUISITION] - r[REFERRAL] - r[EXIT_P];
        dy[F] = r[PAID_ACQUISITION] + r[REFERRAL] + r[WINBACK] - r[CONVERSION] - r[FREE_CHURN] - r[EXIT_P + 1];
        dy[S] = r[CONVERSION] - r[PAID_CHURN] - r[CREATOR_JOIN] - r[EXIT_P + 2];
        dy[L] = r[FREE_CHURN] + r[PAID_CHURN] + r[CREATOR_CHURN] - r[WINBACK] - r[EXIT_P + 3];
        dy[C] = r[CREATOR_JOIN] - r[CREATOR_CHURN] - r[EXIT_P + 4];
        dy[K] = r[PUBLISH] - r[RETIRE];
        dy[A] = r[POSTS] + r[REVIEWS] - r[DECAY];
        dy[STOCKS] = r[INFLOW] - (r[EXIT_P] + r[EXIT_P + 1] + r[EXIT_P + 2] + r[EXIT_P + 3] + r[EXIT_P + 4]);
        dy[STOCKS + 1] = r[REVENUE];
        dy[STOCKS + 2] = r[CREATOR_EARNINGS];
        dy[STOCKS + 3] = r[SPEND];
        dy[STOCKS + 4] = r[PAID_ACQUISITION];
        dy[STOCKS + 5] = r[REFERRAL];
        dy[STOCKS + 6] = r[CONVERSION];
        dy[STOCKS + 7] = r[COMPLETIONS];
        dy[STOCKS + 8] = r[REVIEWS];
    }

    /**
     * The model as an ODE system. Its derivatives equal {@code route(rates(y))}, computed in one pass without the
     * intermediate flow array because this is the innermost loop of every simulation.
     *
     * @return the system; stateless, so it may be shared
     */
    public Ode newOde() {
        return (t, y, dy) -> derivatives(y, dy);
    }

    /**
     * Writes the derivatives at {@code y}, equal to {@link #route}({@link #rates}) but faster.
     *
     * @param y  the state
     * @param dy receives the derivatives
     */
    public void derivatives(double[] y, double[] dy) {
        double prospects = y[P];
        double free = y[F];
        double paying = y[S];
        double lapsed = y[L];
        double creators = y[C];
        double catalogue = y[K];
        double community = y[A];
        double population = prospects + free + paying + lapsed + creators;
        double prospectShare = population > 0 ? prospects / population : 0;
        double catalogueQuality = catalogue > 0 ? catalogue / (catalogue + catalogueHalf) : 0;
        double communityLevel = community > 0 ? community / (community + communityHalf) : 0;
        double referrers = free + paying * payingReferralWeight + creators;
        double monthlyRevenue = paying * price;
        double creatorPool = creatorShare * monthlyRevenue;
        double poolDenominator = creatorPool + reservation * Math.max(creators, 1.0);
        double joinPull = poolDenominator > 0 ? creatorPool / poolDenominator : 0;
        double completions = completionsPerPayer * paying;

        double paid = paidPerProspectShare * prospectShare;
        double referral = referralPerDay * referrers * (1 + communityReferral * communityLevel) * prospectShare;
        double conversion = conversionCeiling * catalogueQuality * free;
        double freeOut = freeChurn * free;
        double payingOut = paidChurnEffective * paying;
        double win = winback * (1 + communityWinback * communityLevel) * lapsed;
        double join = creatorJoin * joinPull * paying;
        double creatorOut = creatorChurn * creators;
        double reviews = reviewRate * completions;

        dy[P] = inflow - paid - referral - exit * prospects;
        dy[F] = paid + referral + win - conversion - freeOut - exit * free;
        dy[S] = conversion - payingOut - join - exit * paying;
        dy[L] = freeOut + payingOut + creatorOut - win - exit * lapsed;
        dy[C] = join - creatorOut - exit * creators;
        dy[K] = production * creators - retirement * catalogue;
        dy[A] = postRate * (free + paying + creators) + reviews - decay * community;
        dy[STOCKS] = inflow - exit * population;
        dy[STOCKS + 1] = monthlyRevenue * MONTHS_PER_DAY;
        dy[STOCKS + 2] = creatorPool * MONTHS_PER_DAY;
        dy[STOCKS + 3] = spend;
        dy[STOCKS + 4] = paid;
        dy[STOCKS + 5] = referral;
        dy[STOCKS + 6] = conversion;
        dy[STOCKS + 7] = completions;
        dy[STOCKS + 8] = reviews;
    }

    /**
     * An upper bound of the per-capita outflow rate of every stock at state {@code y}, used to choose sub-steps so
     * that no step moves more than a fraction of any stock.
     *
     * @param y the state
     * @return a rate per day
     */
    public double fastestRate(double[] y) {
        double population = y[P] + y[F] + y[S] + y[L] + y[C];
        double prospectOut = exit + (population > 0 ? paidPerProspectShare / population : 0)
                + referralPerDay * (1 + completionWordOfMouth) * (1 + communityReferral);
        double freeOut = conversionCeiling + freeChurn + exit;
        double payingOut = paidChurnEffective + creatorJoin + exit;
        double lapsedOut = winback * (1 + communityWinback) + exit;
        double creatorOut = creatorChurn + exit;
        double max = Math.max(Math.max(freeOut, payingOut), Math.max(lapsedOut, creatorOut));
        return Math.max(Math.max(max, prospectOut), Math.max(retirement, decay));
    }
}
