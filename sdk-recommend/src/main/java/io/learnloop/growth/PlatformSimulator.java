package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.growth.internal.Draws;
import io.learnloop.growth.internal.Flows;

import java.util.ArrayList;
import java.util.List;

/**
 * A seeded stochastic simulation of a platform run by the model: day by day, every person in every stock moves with
 * the probability the model's rates give (binomial and Poisson draws), and each period's counts are recorded as
 * {@link Observations}. The expected daily flows equal the model's rates, so calibrating on its output must recover
 * the parameters it ran with; this is how the calibration is tested and demonstrated.
 *
 * <p>Thread-safe: stateless; each call owns its random stream.
 */
public final class PlatformSimulator {
    private PlatformSimulator() {
    }

    /**
     * Simulates a platform.
     *
     * @param model      the parameters and the initial state (rounded to whole people, courses and posts)
     * @param periods    the number of periods to record, between 1 and 1,000
     * @param periodDays whole days per period, between 1 and 366
     * @param seed       the seed; the same seed gives the same observations
     * @return the observations, with money in cents ({@code minorUnitsPerMajor} 100)
     */
    public static Observations simulate(GrowthModel model, int periods, int periodDays, long seed) {
        new Validator().notNull("model", model)
                .check(periods >= 1 && periods <= 1000, "periods", "must be between 1 and 1000 (was " + periods + ")")
                .check(periodDays >= 1 && periodDays <= 366, "periodDays", "must be between 1 and 366 (was " + periodDays + ")")
                .throwIfInvalid();
        return new Run(model, periods, periodDays, seed).run();
    }

    /** One simulation's mutable state. */
    private static final class Run {
        private static final long MINOR = 100;

        private final Parameters parameters;
        private final Flows flows;
        private final Draws draws;
        private final int periods;
        private final int periodDays;
        private long prospects;
        private long free;
        private final long[] cohorts;
        private long lapsed;
        private long creators;
        private long catalogue;
        private long community;
        private final List<List<Long>> survivors = new ArrayList<>();
        private final long[] started;

        Run(GrowthModel model, int periods, int periodDays, long seed) {
            this.parameters = model.parameters();
            this.flows = new Flows(parameters.toArray());
            this.draws = new Draws(seed);
            this.periods = periods;
            this.periodDays = periodDays;
            GrowthState s = model.initialState();
            prospects = Math.round(s.get(Stock.PROSPECTS));
            free = Math.round(s.get(Stock.FREE_LEARNERS));
            // index 0 holds learners already paying at the start; cohort p is at index p + 1
            cohorts = new long[periods + 1];
            started = new long[periods];
            cohorts[0] = Math.round(s.get(Stock.PAYING_LEARNERS));
            lapsed = Math.round(s.get(Stock.LAPSED_LEARNERS));
            creators = Math.round(s.get(Stock.CREATORS));
            catalogue = Math.round(s.get(Stock.CATALOGUE));
            community = Math.round(s.get(Stock.COMMUNITY));
        }

        Observations run() {
            List<ObservedPeriod> recorded = new ArrayList<>();
            for (int p = 0; p < periods; p++) {
                recorded.add(period(p));
                for (int c = 0; c < p; c++) {
                    survivors.get(c).add(cohorts[c + 1]);
                }
                survivors.add(new ArrayList<>());
            }
            List<Cohort> list = new ArrayList<>();
            for (int c = 0; c < periods; c++) {
                if (!survivors.get(c).isEmpty()) {
                    list.add(new Cohort(c, started[c], survivors.get(c)));
                }
            }
            return new Observations(periodDays, parameters.get(Parameter.LESSONS_PER_COURSE), MINOR, recorded, list);
        }

        private ObservedPeriod period(int index) {
            double[] y = new double[Flows.DIMENSION];
            double[] r = new double[Flows.FLOWS];
            double[] sum = new double[Flows.STOCKS];
            long[] c = new long[Counter.values().length];
            double price = parameters.get(Parameter.PRICE);
            double share = parameters.get(Parameter.CREATOR_REVENUE_SHARE);
            double review = parameters.get(Parameter.REVIEW_RATE);
            long spendPerDay = Math.round(parameters.get(Parameter.MARKETING_SPEND) * MINOR);
            long[] three = new long[3];
            long[] two = new long[2];
            for (int day = 0; day < periodDays; day++) {
                long paying = paying();
                y[Flows.P] = prospects;
                y[Flows.F] = free;
                y[Flows.S] = paying;
                y[Flows.L] = lapsed;
                y[Flows.C] = creators;
                y[Flows.K] = catalogue;
                y[Flows.A] = community;
                for (int i = 0; i < Flows.STOCKS; i++) {
                    sum[i] += y[i];
                }
                flows.rates(y, r);

                long inflow = draws.poisson(r[Flows.INFLOW]);
                leave(prospects, r, new int[]{Flows.PAID_ACQUISITION, Flows.REFERRAL, Flows.EXIT_P}, three);
                long paid = three[0];
                long referred = three[1];
                long exitP = three[2];
                leave(free, r, new int[]{Flows.CONVERSION, Flows.FREE_CHURN, Flows.EXIT_P + 1}, three);
                long converted = three[0];
                long freeChurn = three[1];
                long exitF = three[2];
                long payingOut = 0;
                double payingHazard = paying > 0
                        ? (r[Flows.PAID_CHURN] + r[Flows.CREATOR_JOIN] + r[Flows.EXIT_P + 2]) / paying : 0;
                for (int k = 0; k < cohorts.length; k++) {
                    long gone = draws.binomial(cohorts[k], payingHazard);
                    cohorts[k] -= gone;
                    payingOut += gone;
                }
                draws.split(payingOut, new double[]{r[Flows.PAID_CHURN], r[Flows.CREATOR_JOIN], r[Flows.EXIT_P + 2]}, three);
                long paidChurn = three[0];
                long joined = three[1];
                leave(lapsed, r, new int[]{Flows.WINBACK, Flows.EXIT_P + 3}, two);
                long winback = two[0];
                long exitL = two[1];
                leave(creators, r, new int[]{Flows.CREATOR_CHURN, Flows.EXIT_P + 4}, two);
                long creatorChurn = two[0];
                long exitC = two[1];
                long published = draws.poisson(r[Flows.PUBLISH]);
                long retired = draws.binomial(catalogue, catalogue > 0 ? r[Flows.RETIRE] / catalogue : 0);
                long completions = draws.poisson(r[Flows.COMPLETIONS]);
                long reviews = draws.binomial(completions, review);
                long posts = draws.poisson(r[Flows.POSTS]);
                long quiet = draws.binomial(community, community > 0 ? r[Flows.DECAY] / community : 0);
                long revenue = Math.round(paying * price * MINOR / Flows.DAYS_PER_MONTH);

                prospects += inflow - paid - referred - exitP;
                free += paid + referred + winback - converted - freeChurn - exitF;
                cohorts[index + 1] += converted;
                started[index] += converted;
                lapsed += freeChurn + paidChurn + creatorChurn - winback - exitL;
                creators += joined - creatorChurn - exitC;
                catalogue += published - retired;
                community += posts + reviews - quiet;

                c[Counter.PAID.ordinal()] += paid;
                c[Counter.REFERRED.ordinal()] += referred;
                c[Counter.WINBACK.ordinal()] += winback;
                c[Counter.CONVERTED.ordinal()] += converted;
                c[Counter.FREE_CHURN.ordinal()] += freeChurn;
                c[Counter.PAID_CHURN.ordinal()] += paidChurn;
                c[Counter.COMPLETIONS.ordinal()] += completions;
                c[Counter.REVIEWS.ordinal()] += reviews;
                c[Counter.POSTS.ordinal()] += posts;
                c[Counter.JOINED.ordinal()] += joined;
                c[Counter.CREATOR_CHURN.ordinal()] += creatorChurn;
                c[Counter.PUBLISHED.ordinal()] += published;
                c[Counter.RETIRED.ordinal()] += retired;
                c[Counter.REVENUE.ordinal()] += revenue;
                c[Counter.CREATOR_REVENUE.ordinal()] += (long) Math.floor(revenue * share);
                c[Counter.SPEND.ordinal()] += spendPerDay;
            }
            double d = periodDays;
            return new ObservedPeriod(sum[Flows.P] / d, sum[Flows.F] / d, sum[Flows.S] / d, sum[Flows.L] / d,
                    sum[Flows.C] / d, sum[Flows.K] / d, sum[Flows.A] / d,
                    c[Counter.PAID.ordinal()], c[Counter.REFERRED.ordinal()], c[Counter.WINBACK.ordinal()],
                    c[Counter.CONVERTED.ordinal()], c[Counter.FREE_CHURN.ordinal()], c[Counter.PAID_CHURN.ordinal()],
                    c[Counter.COMPLETIONS.ordinal()], c[Counter.REVIEWS.ordinal()], c[Counter.POSTS.ordinal()],
                    c[Counter.JOINED.ordinal()], c[Counter.CREATOR_CHURN.ordinal()], c[Counter.PUBLISHED.ordinal()],
                    c[Counter.RETIRED.ordinal()], c[Counter.REVENUE.ordinal()], c[Counter.CREATOR_REVENUE.ordinal()],
                    c[Counter.SPEND.ordinal()]);
        }

        /** Draws how many of {@code n} people leave along each flow, each with its own per-capita rate. */
        private void leave(long n, double[] r, int[] flowIndexes, long[] out) {
            double[] weights = new double[flowIndexes.length];
            double hazard = 0;
            for (int i = 0; i < flowIndexes.length; i++) {
                weights[i] = r[flowIndexes[i]];
                hazard += weights[i];
            }
            long leaving = n > 0 ? draws.binomial(n, hazard / n) : 0;
            draws.split(leaving, weights, out);
        }

        private long paying() {
            long s = 0;
            for (long k : cohorts) {
                s += k;
            }
            return s;
        }
    }

    private enum Counter {
        PAID, REFERRED, WINBACK, CONVERTED, FREE_CHURN, PAID_CHURN, COMPLETIONS, REVIEWS, POSTS, JOINED, CREATOR_CHURN,
        PUBLISHED, RETIRED, REVENUE, CREATOR_REVENUE, SPEND
    }
}
