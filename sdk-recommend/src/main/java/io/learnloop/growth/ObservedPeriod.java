package io.learnloop.growth;

import io.learnloop.core.error.Validator;

/**
 * What a platform measured in one period (for example one month): average stock levels and counts of events.
 * Averages are people (or courses, or posts) averaged over the days of the period, so that average times days is the
 * exposure (learner-days) a rate applies to. Money is in minor units of one currency.
 *
 * <p>The prospects are the operator's estimate of the addressable market minus everyone already known to the
 * platform; it is the one figure a store cannot hold.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param avgProspects        average prospects (market estimate minus known people)
 * @param avgFree             average active free learners
 * @param avgPaying           average paying learners
 * @param avgLapsed           average lapsed learners
 * @param avgCreators         average creators
 * @param avgCatalogue        average published courses
 * @param avgCommunity        average live community posts
 * @param paidSignups         sign-ups attributed to paid marketing
 * @param referralSignups     sign-ups attributed to referral or word of mouth
 * @param reactivations       lapsed learners who came back
 * @param conversions         free learners who started paying
 * @param freeChurned         free learners who became inactive
 * @param paidChurned         paying learners who stopped paying
 * @param completions         courses completed
 * @param reviews             reviews written
 * @param posts               community posts written (not counting reviews)
 * @param newCreators         learners who published their first course
 * @param creatorsChurned     creators who stopped
 * @param coursesPublished    courses published
 * @param coursesRetired      courses retired
 * @param revenueMinor        revenue from learners, minor units
 * @param creatorRevenueMinor revenue paid out to creators, minor units
 * @param marketingSpendMinor paid marketing spend, minor units
 */
public record ObservedPeriod(double avgProspects, double avgFree, double avgPaying, double avgLapsed,
                             double avgCreators, double avgCatalogue, double avgCommunity,
                             long paidSignups, long referralSignups, long reactivations, long conversions,
                             long freeChurned, long paidChurned, long completions, long reviews, long posts,
                             long newCreators, long creatorsChurned, long coursesPublished, long coursesRetired,
                             long revenueMinor, long creatorRevenueMinor, long marketingSpendMinor) {
    /**
     * Validates.
     *
     * @param avgProspects        average prospects
     * @param avgFree             average free learners
     * @param avgPaying           average paying learners
     * @param avgLapsed           average lapsed learners
     * @param avgCreators         average creators
     * @param avgCatalogue        average catalogue
     * @param avgCommunity        average community activity
     * @param paidSignups         paid sign-ups
     * @param referralSignups     referral sign-ups
     * @param reactivations       reactivations
     * @param conversions         conversions
     * @param freeChurned         free churn
     * @param paidChurned         paid churn
     * @param completions         completions
     * @param reviews             reviews
     * @param posts               posts
     * @param newCreators         new creators
     * @param creatorsChurned     creator churn
     * @param coursesPublished    courses published
     * @param coursesRetired      courses retired
     * @param revenueMinor        revenue
     * @param creatorRevenueMinor creator revenue
     * @param marketingSpendMinor marketing spend
     */
    public ObservedPeriod {
        Validator v = new Validator();
        level(v, "avgProspects", avgProspects);
        level(v, "avgFree", avgFree);
        level(v, "avgPaying", avgPaying);
        level(v, "avgLapsed", avgLapsed);
        level(v, "avgCreators", avgCreators);
        level(v, "avgCatalogue", avgCatalogue);
        level(v, "avgCommunity", avgCommunity);
        v.notNegative("paidSignups", paidSignups)
                .notNegative("referralSignups", referralSignups)
                .notNegative("reactivations", reactivations)
                .notNegative("conversions", conversions)
                .notNegative("freeChurned", freeChurned)
                .notNegative("paidChurned", paidChurned)
                .notNegative("completions", completions)
                .notNegative("reviews", reviews)
                .notNegative("posts", posts)
                .notNegative("newCreators", newCreators)
                .notNegative("creatorsChurned", creatorsChurned)
                .notNegative("coursesPublished", coursesPublished)
                .notNegative("coursesRetired", coursesRetired)
                .notNegative("revenueMinor", revenueMinor)
                .notNegative("creatorRevenueMinor", creatorRevenueMinor)
                .notNegative("marketingSpendMinor", marketingSpendMinor)
                .check(creatorRevenueMinor <= revenueMinor, "creatorRevenueMinor",
                        "must not exceed revenueMinor (" + creatorRevenueMinor + " > " + revenueMinor + ")")
                .throwIfInvalid();
    }

    private static void level(Validator v, String field, double value) {
        v.check(!Double.isNaN(value), field, "must be a number (was NaN)")
                .check(!Double.isInfinite(value), field, "must be finite (was " + value + ")")
                .check(!(value < 0), field, "must not be negative (was " + value + ")");
    }

    double population() {
        return avgProspects + avgFree + avgPaying + avgLapsed + avgCreators;
    }
}
