package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.growth.internal.Flows;
import io.learnloop.growth.internal.GoldenSection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the model's parameters to a platform's {@link Observations}.
 *
 * <p>Each flow of the model is a rate times an exposure the observations hold (free learner-days, paying
 * learner-days, creator-days...), so most rates have a closed-form Poisson maximum-likelihood estimate, events over
 * exposure, with standard error {@code sqrt(events) / exposure}. Conversion depends on catalogue size through a
 * saturating curve, so its ceiling and the catalogue half-saturation are fitted jointly by profile likelihood
 * (golden-section search over the half-saturation, the ceiling in closed form for each). Paid churn comes from the
 * pooled survival of the paying cohorts between consecutive periods, less the market exit rate and the measured
 * rate of becoming a creator; the completion effect on renewal is held at its prior (aggregate counts cannot
 * separate it from base churn) and the base churn is solved from it. Parameters the observations cannot identify
 * (market inflow and exit, referral cycle, price elasticity, recommendation and community effects, creator
 * reservation earnings, community decay) keep the prior values given. So does a rate whose events never happened
 * when its prior expects fewer than three over the observed exposure: seeing none is then likely under the prior
 * too, and the data cannot tell it from zero.
 *
 * <p>Goodness of fit is reported per series: every count the model predicts from the fitted rates and the
 * observed exposures, the cohort retention curve, and the stocks simulated forward from the first period.
 *
 * <p>Thread-safe: stateless.
 */
public final class Calibration {
    /**
     * Expected events below which a count of zero does not move a rate off its prior: zero events has a probability
     * of {@code exp(-3)}, about 5 %, when three are expected.
     */
    static final double ZERO_COUNT_EXPECTED = 3.0;

    private Calibration() {
    }

    /**
     * Calibrates with the documented defaults as priors.
     *
     * @param observations the observations
     * @return the fitted parameters and the goodness of fit
     */
    public static CalibrationResult fit(Observations observations) {
        return fit(observations, Parameters.defaults());
    }

    /**
     * Calibrates.
     *
     * @param observations the observations
     * @param priors       values for the parameters the observations cannot identify
     * @return the fitted parameters and the goodness of fit
     * @throws io.learnloop.core.error.ValidationException if the observations hold no exposure for a fitted rate
     *                                                     (for example no free learner-days at all), naming the
     *                                                     series
     */
    public static CalibrationResult fit(Observations observations, Parameters priors) {
        new Validator().notNull("observations", observations).notNull("priors", priors).throwIfInvalid();
        return new Fit(observations, priors).run();
    }

    /** One calibration's working state. */
    private static final class Fit {
        private final Observations obs;
        private final Parameters priors;
        private final List<ObservedPeriod> periods;
        private final double d;
        private final double minor;
        private final Map<Parameter, ParameterEstimate> estimates = new EnumMap<>(Parameter.class);
        private final List<SeriesFit> fits = new ArrayList<>();

        Fit(Observations obs, Parameters priors) {
            this.obs = obs;
            this.priors = priors;
            this.periods = obs.periods();
            this.d = obs.periodDays();
            this.minor = obs.minorUnitsPerMajor();
        }

        CalibrationResult run() {
            int n = periods.size();
            double[] freeDays = exposure(p -> p.avgFree());
            double[] payingDays = exposure(p -> p.avgPaying());
            double[] creatorDays = exposure(p -> p.avgCreators());
            double[] catalogueDays = exposure(p -> p.avgCatalogue());
            double[] activeDays = exposure(p -> p.avgFree() + p.avgPaying() + p.avgCreators());
            requireExposure("avgFree", freeDays);
            requireExposure("avgPaying", payingDays);
            requireExposure("avgCreators", creatorDays);
            requireExposure("avgCatalogue", catalogueDays);

            double freeChurn = rate(Parameter.FREE_CHURN_RATE, "freeChurned", counts(ObservedPeriod::freeChurned), freeDays, 1);
            double completionsPerPayer = sum(counts(ObservedPeriod::completions)) / sum(payingDays);
            rate(Parameter.LEARNING_EFFICIENCY, "completions", counts(ObservedPeriod::completions), payingDays, obs.lessonsPerCourse());
            put(Parameter.LESSONS_PER_COURSE, obs.lessonsPerCourse(), Double.NaN, "observed");
            double revenue = sum(counts(ObservedPeriod::revenueMinor)) / minor;
            double price = priors.get(Parameter.PRICE);
            if (revenue > 0) {
                price = revenue / sum(payingDays) * Flows.DAYS_PER_MONTH;
                put(Parameter.PRICE, price, Double.NaN, "revenue/paying learner-months");
            }
            double creatorShare = revenue > 0 ? sum(counts(ObservedPeriod::creatorRevenueMinor)) / minor / revenue
                    : priors.get(Parameter.CREATOR_REVENUE_SHARE);
            put(Parameter.CREATOR_REVENUE_SHARE, creatorShare, Double.NaN, "creator revenue/revenue");
            double completions = sum(counts(ObservedPeriod::completions));
            if (completions > 0) {
                double reviews = sum(counts(ObservedPeriod::reviews));
                put(Parameter.REVIEW_RATE, Math.min(1, reviews / completions), Math.sqrt(reviews) / completions, "reviews/completions");
            }
            rate(Parameter.POST_RATE, "posts", counts(ObservedPeriod::posts), activeDays, 1);
            rate(Parameter.PRODUCTION_RATE, "coursesPublished", counts(ObservedPeriod::coursesPublished), creatorDays, 1);
            rate(Parameter.CATALOGUE_RETIREMENT_RATE, "coursesRetired", counts(ObservedPeriod::coursesRetired), catalogueDays, 1);
            rate(Parameter.CREATOR_CHURN_RATE, "creatorsChurned", counts(ObservedPeriod::creatorsChurned), creatorDays, 1);
            double spend = sum(counts(ObservedPeriod::marketingSpendMinor)) / minor / (n * d);
            put(Parameter.MARKETING_SPEND, spend, Double.NaN, "mean spend per day");

            fitConversion(price);
            double joinPerPayer = fitCreatorJoin(payingDays, creatorShare);
            double baseChurn = fitPaidChurn(payingDays, completionsPerPayer, joinPerPayer);
            fitReferral(baseChurn, completionsPerPayer);
            fitPaidCac();
            fitWinback();

            Map<Parameter, Double> values = new EnumMap<>(priors.asMap());
            for (ParameterEstimate e : estimates.values()) {
                values.put(e.parameter(), e.value());
            }
            Parameters fitted = Parameters.of(values);
            fits.add(simulatedFit(fitted, Stock.FREE_LEARNERS, ObservedPeriod::avgFree));
            fits.add(simulatedFit(fitted, Stock.PAYING_LEARNERS, ObservedPeriod::avgPaying));
            fits.add(simulatedFit(fitted, Stock.CREATORS, ObservedPeriod::avgCreators));
            fits.add(simulatedFit(fitted, Stock.CATALOGUE, ObservedPeriod::avgCatalogue));
            return new CalibrationResult(fitted, new ArrayList<>(estimates.values()), fits);
        }

        private void fitConversion(double price) {
            double[] conv = counts(ObservedPeriod::conversions);
            double total = sum(conv);
            if (total == 0) {
                return;
            }
            double prior = priors.get(Parameter.CATALOGUE_HALF_SATURATION);
            java.util.function.DoubleUnaryOperator profile = logHalf -> conversionLikelihood(conv, Math.exp(logHalf));
            double low = Math.log(prior / 1000);
            double high = Math.log(prior * 1000);
            double logHalf = GoldenSection.maximise(profile, low, high, 1e-7);
            double h = 1e-3;
            double curvature = (profile.applyAsDouble(logHalf + h) - 2 * profile.applyAsDouble(logHalf)
                    + profile.applyAsDouble(logHalf - h)) / (h * h);
            double seLog = curvature < 0 ? 1 / Math.sqrt(-curvature) : Double.POSITIVE_INFINITY;
            // A maximum on the search bound, or a profile so flat that the half-saturation is uncertain by more than
            // its own size, means the data cannot tell it apart from the base rate (typically a catalogue that
            // hardly changed): hold it at its prior rather than report an arbitrary point.
            boolean identified = logHalf - low > 1e-3 && high - logHalf > 1e-3 && seLog < 1;
            double half = identified ? Math.exp(logHalf) : prior;
            double ceiling = conversionCeiling(conv, half);
            // the observed ceiling includes the recommendation and price effects; undo them to get the base rate
            double effects = (1 + priors.get(Parameter.RECOMMENDATION_LIFT) * priors.get(Parameter.RECOMMENDATION_QUALITY))
                    * Math.pow(price / priors.get(Parameter.REFERENCE_PRICE), -priors.get(Parameter.PRICE_ELASTICITY));
            String method = "profile likelihood";
            if (identified) {
                put(Parameter.CATALOGUE_HALF_SATURATION, half, half * seLog, method);
            } else {
                method = "maximum likelihood with the catalogue half-saturation held at its prior";
            }
            double rate = ceiling / effects;
            if (rate > 1) {
                method += "; clamped to 1 because the priors for price elasticity, reference price or recommendation"
                        + " lift imply a base rate above 1: revise them";
            }
            put(Parameter.CONVERSION_RATE, Math.min(1, rate), rate / Math.sqrt(total), method);
            double[] predicted = new double[conv.length];
            for (int i = 0; i < conv.length; i++) {
                predicted[i] = ceiling * catalogueExposure(i, half);
            }
            fits.add(SeriesFit.of("conversions", conv, predicted, true));
        }

        private double conversionCeiling(double[] conv, double half) {
            double exposure = 0;
            for (int i = 0; i < conv.length; i++) {
                exposure += catalogueExposure(i, half);
            }
            return sum(conv) / exposure;
        }

        private double conversionLikelihood(double[] conv, double half) {
            double ceiling = conversionCeiling(conv, half);
            double ll = 0;
            for (int i = 0; i < conv.length; i++) {
                double mean = ceiling * catalogueExposure(i, half);
                if (mean > 0) {
                    ll += conv[i] * Math.log(mean) - mean;
                }
            }
            return ll;
        }

        private static double quality(double catalogue, double half) {
            return catalogue > 0 ? catalogue / (catalogue + half) : 0;
        }

        /**
         * Free learner-days weighted by catalogue quality over period {@code i}. Conversion is nonlinear in the
         * catalogue and both stocks move within a period, so the product of the two averages is biased when they
         * grow fast; the levels at the period's start and end are reconstructed from the neighbouring averages
         * (piecewise-linear paths that keep each period's average) and the product integrated by Simpson's rule.
         */
        private double catalogueExposure(int i, double half) {
            double[] k = path(i, ObservedPeriod::avgCatalogue);
            double[] f = path(i, ObservedPeriod::avgFree);
            return d * (quality(k[0], half) * f[0] + 4 * quality(k[1], half) * f[1] + quality(k[2], half) * f[2]) / 6;
        }

        private double[] path(int i, java.util.function.ToDoubleFunction<ObservedPeriod> level) {
            double here = level.applyAsDouble(periods.get(i));
            if (periods.size() == 1) {
                return new double[]{here, here, here};
            }
            double start = i > 0 ? (level.applyAsDouble(periods.get(i - 1)) + here) / 2
                    : here - (level.applyAsDouble(periods.get(1)) - here) / 2;
            double end = i + 1 < periods.size() ? (level.applyAsDouble(periods.get(i + 1)) + here) / 2
                    : here + (here - level.applyAsDouble(periods.get(i - 1))) / 2;
            start = Math.max(0, start);
            end = Math.max(0, end);
            double mid = Math.max(0, (4 * here - start - end) / 2);
            return new double[]{start, mid, end};
        }

        private double fitCreatorJoin(double[] payingDays, double creatorShare) {
            double[] joined = counts(ObservedPeriod::newCreators);
            double reservation = priors.get(Parameter.CREATOR_RESERVATION_EARNINGS);
            double[] exposure = new double[periods.size()];
            for (int i = 0; i < exposure.length; i++) {
                ObservedPeriod p = periods.get(i);
                double monthlyRevenue = p.revenueMinor() / minor / d * Flows.DAYS_PER_MONTH;
                double earnings = creatorShare * monthlyRevenue / Math.max(p.avgCreators(), 1.0);
                exposure[i] = earnings / (earnings + reservation) * payingDays[i];
            }
            if (sum(exposure) > 0) {
                rate(Parameter.CREATOR_JOIN_RATE, "newCreators", joined, exposure, 1);
            }
            return sum(joined) / sum(payingDays);
        }

        private double fitPaidChurn(double[] payingDays, double completionsPerPayer, double joinPerPayer) {
            double exit = priors.get(Parameter.MARKET_EXIT_RATE);
            double renewal = priors.get(Parameter.COMPLETION_RENEWAL_EFFECT);
            double atRisk = 0;
            double survived = 0;
            int maxAge = 0;
            for (Cohort c : obs.cohorts()) {
                for (int m = 0; m + 1 < c.stillPaying().size(); m++) {
                    atRisk += c.stillPaying().get(m);
                    survived += c.stillPaying().get(m + 1);
                }
                maxAge = Math.max(maxAge, c.stillPaying().size());
            }
            double effective;
            String method;
            double se;
            if (atRisk > 0 && survived > 0) {
                double hazard = -Math.log(survived / atRisk) / d;
                effective = Math.max(0, hazard - exit - joinPerPayer);
                method = "cohort survival";
                se = Math.sqrt((atRisk - survived) / (atRisk * survived)) / d;
                fits.add(retentionFit(hazard, maxAge));
            } else {
                double churned = sum(counts(ObservedPeriod::paidChurned));
                effective = churned / sum(payingDays);
                method = "count/exposure";
                se = Math.sqrt(churned) / sum(payingDays);
            }
            // solve effective = base * (1 - renewal * phi / (phi + base)) for the base churn
            double phi = completionsPerPayer;
            double b = phi * (1 - renewal) - effective;
            double base = phi > 0 ? (-b + Math.sqrt(b * b + 4 * effective * phi)) / 2 : effective;
            put(Parameter.PAID_CHURN_RATE, Math.min(1, base), effective > 0 ? se * base / effective : Double.NaN, method);
            double[] churned = counts(ObservedPeriod::paidChurned);
            double[] predicted = new double[churned.length];
            for (int i = 0; i < churned.length; i++) {
                predicted[i] = effective * payingDays[i];
            }
            fits.add(SeriesFit.of("paidChurned", churned, predicted, true));
            return base;
        }

        private SeriesFit retentionFit(double hazard, int maxAge) {
            double[] observed = new double[maxAge];
            double[] predicted = new double[maxAge];
            for (int m = 0; m < maxAge; m++) {
                double atStart = 0;
                double still = 0;
                for (Cohort c : obs.cohorts()) {
                    if (c.stillPaying().size() > m) {
                        atStart += c.stillPaying().get(0);
                        still += c.stillPaying().get(m);
                    }
                }
                observed[m] = atStart > 0 ? still / atStart : 0;
                predicted[m] = Math.exp(-hazard * d * m);
            }
            return SeriesFit.of("cohortRetention", observed, predicted, false);
        }

        private void fitReferral(double baseChurn, double completionsPerPayer) {
            double completion = Flows.completionProbability(completionsPerPayer, baseChurn);
            double wordOfMouth = priors.get(Parameter.COMPLETION_WORD_OF_MOUTH);
            double communityEffect = priors.get(Parameter.COMMUNITY_REFERRAL_EFFECT);
            double communityHalf = priors.get(Parameter.COMMUNITY_HALF_SATURATION);
            double cycle = priors.get(Parameter.REFERRAL_CYCLE);
            double[] exposure = new double[periods.size()];
            for (int i = 0; i < exposure.length; i++) {
                ObservedPeriod p = periods.get(i);
                double referrers = p.avgFree() + p.avgPaying() * (1 + wordOfMouth * completion) + p.avgCreators();
                double community = p.avgCommunity() / (p.avgCommunity() + communityHalf);
                exposure[i] = referrers * (1 + communityEffect * community) * prospectShare(p) * d / cycle;
            }
            if (sum(exposure) > 0) {
                rate(Parameter.K_FACTOR, "referralSignups", counts(ObservedPeriod::referralSignups), exposure, 1);
            }
        }

        private void fitPaidCac() {
            double[] paid = counts(ObservedPeriod::paidSignups);
            double spendShare = 0;
            for (ObservedPeriod p : periods) {
                spendShare += p.marketingSpendMinor() / minor * prospectShare(p);
            }
            double signups = sum(paid);
            if (signups > 0 && spendShare > 0) {
                double cac = spendShare / signups;
                put(Parameter.PAID_CAC, cac, cac / Math.sqrt(signups), "spend/paid sign-ups");
                double[] predicted = new double[paid.length];
                for (int i = 0; i < paid.length; i++) {
                    ObservedPeriod p = periods.get(i);
                    predicted[i] = p.marketingSpendMinor() / minor / cac * prospectShare(p);
                }
                fits.add(SeriesFit.of("paidSignups", paid, predicted, true));
            }
        }

        private void fitWinback() {
            double effect = priors.get(Parameter.COMMUNITY_WINBACK_EFFECT);
            double half = priors.get(Parameter.COMMUNITY_HALF_SATURATION);
            double[] exposure = new double[periods.size()];
            for (int i = 0; i < exposure.length; i++) {
                ObservedPeriod p = periods.get(i);
                exposure[i] = p.avgLapsed() * (1 + effect * p.avgCommunity() / (p.avgCommunity() + half)) * d;
            }
            if (sum(exposure) > 0) {
                rate(Parameter.WINBACK_RATE, "reactivations", counts(ObservedPeriod::reactivations), exposure, 1);
            }
        }

        private SeriesFit simulatedFit(Parameters fitted, Stock stock, java.util.function.ToDoubleFunction<ObservedPeriod> level) {
            ObservedPeriod first = periods.get(0);
            GrowthState start = GrowthState.of(Map.of(Stock.PROSPECTS, first.avgProspects(), Stock.FREE_LEARNERS, first.avgFree(),
                    Stock.PAYING_LEARNERS, first.avgPaying(), Stock.LAPSED_LEARNERS, first.avgLapsed(),
                    Stock.CREATORS, first.avgCreators(), Stock.CATALOGUE, first.avgCatalogue(),
                    Stock.COMMUNITY, first.avgCommunity()));
            int perPeriod = Math.max(1, (int) Math.round(d));
            Trajectory run = GrowthModel.of(fitted, start).simulate(TimeStep.DAY, perPeriod * periods.size());
            double[] observed = new double[periods.size()];
            double[] predicted = new double[periods.size()];
            for (int i = 0; i < periods.size(); i++) {
                observed[i] = level.applyAsDouble(periods.get(i));
                double s = 0;
                // the first period's averages stand in for the unobserved starting state
                for (int k = 0; k < perPeriod; k++) {
                    s += run.value(stock, i * perPeriod + k);
                }
                predicted[i] = s / perPeriod;
            }
            return SeriesFit.of("simulated " + stock.key(), observed, predicted, false);
        }

        private double rate(Parameter parameter, String series, double[] events, double[] exposure, double scale) {
            double total = sum(events);
            double time = sum(exposure);
            double prior = priors.get(parameter) / scale;
            if (total == 0 && prior * time < ZERO_COUNT_EXPECTED) {
                // No event, but the prior expects so few over this exposure that seeing none is likely under it
                // (above 5 %): the data cannot tell the prior from zero, so it keeps the prior.
                fits.add(SeriesFit.of(series, events, scaled(exposure, prior), true));
                return prior;
            }
            double rate = total / time;
            double value = rate * scale;
            if (parameter.kind() == Parameter.Kind.PROBABILITY) {
                value = Math.min(1, value);
            }
            put(parameter, value, Math.sqrt(total) / time * scale, "count/exposure");
            fits.add(SeriesFit.of(series, events, scaled(exposure, rate), true));
            return rate;
        }

        private static double[] scaled(double[] exposure, double rate) {
            double[] predicted = new double[exposure.length];
            for (int i = 0; i < exposure.length; i++) {
                predicted[i] = rate * exposure[i];
            }
            return predicted;
        }

        private void put(Parameter p, double value, double se, String method) {
            estimates.put(p, new ParameterEstimate(p, value, se, method));
        }

        private void requireExposure(String series, double[] exposure) {
            new Validator().check(sum(exposure) > 0, "observations." + series,
                    "must be above 0 in at least one period to calibrate the rates that apply to it").throwIfInvalid();
        }

        private double prospectShare(ObservedPeriod p) {
            return p.avgProspects() / p.population();
        }

        private double[] exposure(java.util.function.ToDoubleFunction<ObservedPeriod> level) {
            double[] e = new double[periods.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = level.applyAsDouble(periods.get(i)) * d;
            }
            return e;
        }

        private double[] counts(java.util.function.ToLongFunction<ObservedPeriod> count) {
            double[] c = new double[periods.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = count.applyAsLong(periods.get(i));
            }
            return c;
        }

        private static double sum(double[] values) {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s;
        }
    }
}
