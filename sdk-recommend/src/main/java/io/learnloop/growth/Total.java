package io.learnloop.growth;

/**
 * Running totals the model integrates beside the stocks, from the start of a simulation.
 *
 * <p>Thread-safe: an enum.
 */
public enum Total {
    /** People who entered the market minus people who left it: the only change the population may see. */
    NET_PEOPLE_INFLOW("netPeopleInflow", "people"),
    /** Revenue from paying learners. */
    REVENUE("revenue", "money"),
    /** The creators' share of revenue. */
    CREATOR_EARNINGS("creatorEarnings", "money"),
    /** Paid marketing spend. */
    MARKETING_SPEND("marketingSpend", "money"),
    /** Learners acquired by paid marketing. */
    PAID_ACQUISITIONS("paidAcquisitions", "people"),
    /** Learners acquired by referral and word of mouth. */
    REFERRAL_ACQUISITIONS("referralAcquisitions", "people"),
    /** Free learners who started paying. */
    CONVERSIONS("conversions", "people"),
    /** Courses completed. */
    COMPLETIONS("completions", "courses"),
    /** Reviews written. */
    REVIEWS("reviews", "reviews");

    private final String key;
    private final String unit;

    Total(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /**
     * The name used in CSV and JSON.
     *
     * @return the camel-case key
     */
    public String key() {
        return key;
    }

    /**
     * The unit of the total.
     *
     * @return the unit
     */
    public String unit() {
        return unit;
    }
}
