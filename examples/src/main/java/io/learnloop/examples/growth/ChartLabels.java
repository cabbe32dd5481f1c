package io.learnloop.examples.growth;

import io.learnloop.growth.Metric;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.Stock;

import java.util.Locale;

/**
 * What the charts call the growth model's stocks, parameters and metrics: words for a reader, not the camel-case keys
 * the model uses in CSV and JSON. A constant added to the model later reads as its key split into words until it gets
 * its own label here.
 *
 * <p>Thread-safe: stateless.
 */
public final class ChartLabels {
    private ChartLabels() {
    }

    /**
     * The label of a stock.
     *
     * @param stock the stock
     * @return the label, e.g. "paying learners"
     */
    public static String of(Stock stock) {
        return switch (stock) {
            case PROSPECTS -> "prospects (not yet signed up)";
            case FREE_LEARNERS -> "free learners";
            case PAYING_LEARNERS -> "paying learners";
            case LAPSED_LEARNERS -> "lapsed learners";
            case CREATORS -> "creators";
            case CATALOGUE -> "courses in the catalogue";
            case COMMUNITY -> "live community posts";
            default -> words(stock.key());
        };
    }

    /**
     * The label of a metric.
     *
     * @param metric the metric
     * @return the label, e.g. "cumulative revenue"
     */
    public static String of(Metric metric) {
        return switch (metric) {
            case PAYING_LEARNERS -> "paying learners";
            case ACTIVE_LEARNERS -> "active learners";
            case CREATORS -> "creators";
            case CATALOGUE -> "courses in the catalogue";
            case COMMUNITY -> "live community posts";
            case MONTHLY_REVENUE -> "monthly revenue";
            case CUMULATIVE_REVENUE -> "cumulative revenue";
            case CUMULATIVE_CONTRIBUTION -> "cumulative contribution";
            case LOOP_GAIN -> "loop gain";
            default -> words(metric.key());
        };
    }

    /**
     * The label of a parameter.
     *
     * @param parameter the parameter
     * @return the label, e.g. "k-factor (referrals per learner)"
     */
    public static String of(Parameter parameter) {
        return switch (parameter) {
            case MARKET_INFLOW -> "market inflow";
            case MARKET_EXIT_RATE -> "market exit rate";
            case MARKETING_SPEND -> "marketing spend";
            case PAID_CAC -> "paid acquisition cost (CAC)";
            case K_FACTOR -> "k-factor (referrals per learner)";
            case REFERRAL_CYCLE -> "referral cycle";
            case CONVERSION_RATE -> "conversion rate";
            case CATALOGUE_HALF_SATURATION -> "catalogue half-saturation";
            case RECOMMENDATION_QUALITY -> "recommendation quality";
            case RECOMMENDATION_LIFT -> "recommendation lift";
            case PRICE -> "price";
            case REFERENCE_PRICE -> "reference price";
            case PRICE_ELASTICITY -> "price elasticity";
            case LEARNING_EFFICIENCY -> "learning efficiency";
            case LESSONS_PER_COURSE -> "lessons per course";
            case COMPLETION_RENEWAL_EFFECT -> "renewal effect of completion";
            case COMPLETION_WORD_OF_MOUTH -> "word of mouth of completion";
            case FREE_CHURN_RATE -> "free churn rate";
            case PAID_CHURN_RATE -> "paid churn rate";
            case WINBACK_RATE -> "win-back rate";
            case CREATOR_JOIN_RATE -> "creator join rate";
            case CREATOR_RESERVATION_EARNINGS -> "creator reservation earnings";
            case CREATOR_CHURN_RATE -> "creator churn rate";
            case CREATOR_REVENUE_SHARE -> "creator revenue share";
            case PRODUCTION_RATE -> "course production rate";
            case CATALOGUE_RETIREMENT_RATE -> "catalogue retirement rate";
            case REVIEW_RATE -> "review rate";
            case POST_RATE -> "community post rate";
            case COMMUNITY_DECAY_RATE -> "community decay rate";
            case COMMUNITY_HALF_SATURATION -> "community half-saturation";
            case COMMUNITY_REFERRAL_EFFECT -> "community referral effect";
            case COMMUNITY_WINBACK_EFFECT -> "community win-back effect";
            default -> words(parameter.key());
        };
    }

    /** "freeLearners" becomes "free learners". */
    static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
