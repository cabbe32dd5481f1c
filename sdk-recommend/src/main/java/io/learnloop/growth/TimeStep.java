package io.learnloop.growth;

/**
 * The reporting and integration step of a simulation. Rates are always per day; a longer step integrates the same
 * equations over more days (with sub-steps when a rate is fast enough to make one step inaccurate).
 *
 * <p>Thread-safe: an enum.
 */
public enum TimeStep {
    /** One day. */
    DAY(1.0),
    /** Seven days. */
    WEEK(7.0),
    /** An average Gregorian month, 365.25 / 12 days. */
    MONTH(365.25 / 12.0);

    private final double days;

    TimeStep(double days) {
        this.days = days;
    }

    /**
     * The length of the step.
     *
     * @return days per step
     */
    public double days() {
        return days;
    }

    /**
     * The number of steps that cover {@code years} years, rounded to the nearest step.
     *
     * @param years a duration in years
     * @return the number of steps
     */
    public int stepsIn(double years) {
        return (int) Math.round(years * 365.25 / days);
    }
}
