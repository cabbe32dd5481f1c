package io.learnloop.growth;

import io.learnloop.core.error.Validator;

import java.util.List;

/**
 * A platform's measured history, the input of {@link Calibration}: equal-length periods, paying cohorts, and the two
 * settings needed to read them. An adapter fills it from a Learnloop store (orders, access grants, progress,
 * reviews, community, ledger); tests and the documentation fill it from {@link PlatformSimulator}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param periodDays         the length of every period in days, for example 30.4375 for months
 * @param lessonsPerCourse   the average number of lessons in a course
 * @param minorUnitsPerMajor minor units in one major currency unit, for example 100 for euros, 1 for yen
 * @param periods            the periods, oldest first, at least one
 * @param cohorts            the paying cohorts (may be empty; paid churn is then not calibrated)
 */
public record Observations(double periodDays, double lessonsPerCourse, long minorUnitsPerMajor,
                           List<ObservedPeriod> periods, List<Cohort> cohorts) {
    /**
     * Validates and copies.
     *
     * @param periodDays         the period length
     * @param lessonsPerCourse   the course length
     * @param minorUnitsPerMajor the currency's minor units
     * @param periods            the periods
     * @param cohorts            the cohorts
     */
    public Observations {
        Validator v = new Validator()
                .check(Double.isFinite(periodDays) && periodDays > 0, "periodDays", "must be a finite number above 0 (was " + periodDays + ")")
                .check(Double.isFinite(lessonsPerCourse) && lessonsPerCourse > 0, "lessonsPerCourse",
                        "must be a finite number above 0 (was " + lessonsPerCourse + ")")
                .check(minorUnitsPerMajor > 0, "minorUnitsPerMajor", "must be above 0 (was " + minorUnitsPerMajor + ")")
                .notEmpty("periods", periods)
                .notNull("cohorts", cohorts);
        if (periods != null) {
            for (int i = 0; i < periods.size(); i++) {
                ObservedPeriod p = periods.get(i);
                v.check(p != null, "periods[" + i + "]", "is required");
                if (p != null) {
                    v.check(p.population() > 0, "periods[" + i + "].population",
                            "must hold at least one person (all averages of people are 0)");
                }
            }
        }
        if (cohorts != null && periods != null) {
            for (int i = 0; i < cohorts.size(); i++) {
                Cohort c = cohorts.get(i);
                v.check(c != null, "cohorts[" + i + "]", "is required");
                if (c != null) {
                    v.check(c.startPeriod() < periods.size(), "cohorts[" + i + "].startPeriod",
                            "must name one of the " + periods.size() + " periods (was " + c.startPeriod() + ")");
                }
            }
        }
        v.throwIfInvalid();
        periods = List.copyOf(periods);
        cohorts = List.copyOf(cohorts);
    }
}
