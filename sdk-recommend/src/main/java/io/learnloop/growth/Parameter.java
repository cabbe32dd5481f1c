package io.learnloop.growth;

/**
 * Every parameter of the stock-and-flow model, with its unit, its documented default and the range it may take.
 * Rates are per day whatever time step the model is integrated with; money is in major units of one currency
 * (for example euros), since the model projects averages, not ledger amounts. The defaults describe a mid-sized
 * course platform and are documented with their reasoning in {@code docs/growth.md}.
 *
 * <p>Thread-safe: an enum.
 */
public enum Parameter {
    /** People entering the addressable market each day (new potential learners). */
    MARKET_INFLOW("marketInflow", "people/day", 274.0, Kind.NON_NEGATIVE,
            "people entering the addressable market each day"),
    /** Share of every population stock that leaves the addressable market each day (career change, moving on). */
    MARKET_EXIT_RATE("marketExitRate", "1/day", 1.0 / 3652.5, Kind.PROBABILITY,
            "daily probability that a person leaves the addressable market"),
    /** Paid marketing spend per day. */
    MARKETING_SPEND("marketingSpend", "money/day", 1_500.0, Kind.NON_NEGATIVE,
            "paid marketing spend per day"),
    /** Paid marketing cost per acquired learner while the whole market is still prospective. */
    PAID_CAC("paidCac", "money/learner", 15.0, Kind.POSITIVE,
            "cost of one learner acquired by paid marketing, in an unsaturated market"),
    /** New learners each active learner brings in per referral cycle (the k-factor). */
    K_FACTOR("kFactor", "learners/learner/cycle", 0.25, Kind.NON_NEGATIVE,
            "new learners one active learner brings in per referral cycle"),
    /** Length of one referral cycle. */
    REFERRAL_CYCLE("referralCycle", "days", 30.0, Kind.POSITIVE,
            "length of one referral cycle"),
    /** Daily conversion rate of free learners to paid, with an unlimited catalogue and no recommendations. */
    CONVERSION_RATE("conversionRate", "1/day", 0.012, Kind.PROBABILITY,
            "daily free-to-paid conversion rate with an unlimited catalogue"),
    /** Catalogue size at which the catalogue gives half its maximum pull on conversion. */
    CATALOGUE_HALF_SATURATION("catalogueHalfSaturation", "courses", 200.0, Kind.POSITIVE,
            "catalogue size at which catalogue quality is half its maximum"),
    /** Recommendation quality, from 0 (random) to 1 (perfect), for example a normalised NDCG. */
    RECOMMENDATION_QUALITY("recommendationQuality", "fraction", 0.5, Kind.PROBABILITY,
            "recommendation quality between 0 and 1"),
    /** Relative conversion uplift that perfect recommendations would give. */
    RECOMMENDATION_LIFT("recommendationLift", "fraction", 0.4, Kind.NON_NEGATIVE,
            "conversion uplift of perfect recommendations"),
    /** Subscription price per paying learner per month. */
    PRICE("price", "money/month", 30.0, Kind.POSITIVE,
            "price per paying learner per month"),
    /** The price at which {@link #CONVERSION_RATE} was measured. */
    REFERENCE_PRICE("referencePrice", "money/month", 30.0, Kind.POSITIVE,
            "price at which the conversion rate was measured"),
    /** Price elasticity of conversion: conversion scales with (price / reference price) to the minus this. */
    PRICE_ELASTICITY("priceElasticity", "dimensionless", 1.2, Kind.NON_NEGATIVE,
            "price elasticity of conversion"),
    /** Learning efficiency E: lessons a paying learner completes per day. */
    LEARNING_EFFICIENCY("learningEfficiency", "lessons/day", 0.25, Kind.NON_NEGATIVE,
            "lessons a paying learner completes per day"),
    /** Average course length. */
    LESSONS_PER_COURSE("lessonsPerCourse", "lessons/course", 20.0, Kind.POSITIVE,
            "lessons in an average course"),
    /** Share of paid churn that completing a course removes (completion raises renewal). */
    COMPLETION_RENEWAL_EFFECT("completionRenewalEffect", "fraction", 0.5, Kind.PROBABILITY,
            "share of paid churn that completing a course removes"),
    /** Extra word of mouth from a learner who completed, relative to one who did not. */
    COMPLETION_WORD_OF_MOUTH("completionWordOfMouth", "fraction", 1.0, Kind.NON_NEGATIVE,
            "extra referrals of a learner who completed a course"),
    /** Daily churn of free learners. */
    FREE_CHURN_RATE("freeChurnRate", "1/day", 0.02, Kind.PROBABILITY,
            "daily churn rate of free learners"),
    /** Daily churn of paying learners who have not completed a course. */
    PAID_CHURN_RATE("paidChurnRate", "1/day", 0.004, Kind.PROBABILITY,
            "daily churn rate of paying learners before the completion effect"),
    /** Daily rate at which lapsed learners come back as free learners. */
    WINBACK_RATE("winbackRate", "1/day", 0.001, Kind.PROBABILITY,
            "daily rate at which lapsed learners return"),
    /** Daily rate at which paying learners start creating, when creator earnings are very high. */
    CREATOR_JOIN_RATE("creatorJoinRate", "1/day", 0.0004, Kind.PROBABILITY,
            "daily rate at which paying learners become creators, at saturating earnings"),
    /** Monthly creator earnings at which half of the maximum join rate is reached. */
    CREATOR_RESERVATION_EARNINGS("creatorReservationEarnings", "money/month", 500.0, Kind.POSITIVE,
            "monthly creator earnings that draw half the maximum join rate"),
    /** Daily churn of creators (they return to the lapsed learners). */
    CREATOR_CHURN_RATE("creatorChurnRate", "1/day", 0.002, Kind.PROBABILITY,
            "daily churn rate of creators"),
    /** Share of revenue paid out to creators. */
    CREATOR_REVENUE_SHARE("creatorRevenueShare", "fraction", 0.5, Kind.PROBABILITY,
            "share of revenue paid to creators"),
    /** Courses one creator publishes per day. */
    PRODUCTION_RATE("productionRate", "courses/creator/day", 1.0 / 120.0, Kind.NON_NEGATIVE,
            "courses one creator publishes per day"),
    /** Daily share of the catalogue retired (outdated). */
    CATALOGUE_RETIREMENT_RATE("catalogueRetirementRate", "1/day", 1.0 / 730.0, Kind.PROBABILITY,
            "daily share of the catalogue that is retired"),
    /** Reviews written per completed course. */
    REVIEW_RATE("reviewRate", "reviews/completion", 0.3, Kind.PROBABILITY,
            "reviews written per completed course"),
    /** Community posts each active person (free, paying or creator) writes per day. */
    POST_RATE("postRate", "posts/person/day", 0.02, Kind.NON_NEGATIVE,
            "community posts per active person per day"),
    /** Daily share of community activity that goes quiet. */
    COMMUNITY_DECAY_RATE("communityDecayRate", "1/day", 0.1, Kind.PROBABILITY,
            "daily share of live community threads that go quiet"),
    /** Community activity at which the community gives half its maximum effect. */
    COMMUNITY_HALF_SATURATION("communityHalfSaturation", "posts", 5_000.0, Kind.POSITIVE,
            "live community activity that gives half the maximum community effect"),
    /** Relative referral uplift of a fully active community. */
    COMMUNITY_REFERRAL_EFFECT("communityReferralEffect", "fraction", 0.5, Kind.NON_NEGATIVE,
            "referral uplift of a fully active community"),
    /** Relative win-back uplift of a fully active community. */
    COMMUNITY_WINBACK_EFFECT("communityWinbackEffect", "fraction", 1.0, Kind.NON_NEGATIVE,
            "win-back uplift of a fully active community");

    /** The range a parameter may take. */
    public enum Kind {
        /** Finite and at least 0. */
        NON_NEGATIVE,
        /** Finite and greater than 0. */
        POSITIVE,
        /** Between 0 and 1 inclusive (probabilities, shares and daily rates that cannot exceed certainty). */
        PROBABILITY
    }

    private final String key;
    private final String unit;
    private final double defaultValue;
    private final Kind kind;
    private final String description;

    Parameter(String key, String unit, double defaultValue, Kind kind, String description) {
        this.key = key;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
    }

    /**
     * The name used in validation messages, CSV and JSON.
     *
     * @return the camel-case key, for example {@code "paidChurnRate"}
     */
    public String key() {
        return key;
    }

    /**
     * The unit of the value.
     *
     * @return the unit, for example {@code "1/day"}
     */
    public String unit() {
        return unit;
    }

    /**
     * The documented default.
     *
     * @return the default value
     */
    public double defaultValue() {
        return defaultValue;
    }

    /**
     * The range the value may take.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * What the parameter means.
     *
     * @return a one-line description
     */
    public String description() {
        return description;
    }

    /**
     * Why {@code value} is not allowed, or null if it is.
     *
     * @param value a candidate value
     * @return the problem, or null
     */
    String problemWith(double value) {
        if (Double.isNaN(value)) {
            return "must be a number (was NaN), in " + unit;
        }
        if (Double.isInfinite(value)) {
            return "must be finite (was " + value + "), in " + unit;
        }
        return switch (kind) {
            case NON_NEGATIVE -> value < 0 ? "must not be negative (was " + value + "), in " + unit : null;
            case POSITIVE -> value <= 0 ? "must be greater than 0 (was " + value + "), in " + unit : null;
            case PROBABILITY -> value < 0 ? "must not be negative (was " + value + "), in " + unit
                    : value > 1 ? "must be between 0 and 1 (was " + value + "), in " + unit : null;
        };
    }

    /**
     * Finds a parameter by its key.
     *
     * @param key the key, for example {@code "kFactor"}
     * @return the parameter
     * @throws io.learnloop.core.error.ValidationException if no parameter has that key
     */
    public static Parameter ofKey(String key) {
        for (Parameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw io.learnloop.core.error.ValidationException.of("parameter", "unknown parameter key '" + key + "'");
    }
}
