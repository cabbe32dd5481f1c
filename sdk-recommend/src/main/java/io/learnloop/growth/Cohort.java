package io.learnloop.growth;

import io.learnloop.core.error.Validator;

import java.util.List;

/**
 * A cohort of learners who started paying in the same period, and how many of them were still paying at the end of
 * each following period.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param startPeriod the index of the period in which they started paying
 * @param started     how many started paying in that period
 * @param stillPaying {@code stillPaying.get(m)} = how many were still paying {@code m + 1} periods after the end of
 *                    the start period; never increasing
 */
public record Cohort(int startPeriod, long started, List<Long> stillPaying) {
    /**
     * Validates and copies.
     *
     * @param startPeriod the start period
     * @param started     the cohort size
     * @param stillPaying the survivors after each period
     */
    public Cohort {
        Validator v = new Validator().check(startPeriod >= 0, "startPeriod", "must not be negative (was " + startPeriod + ")")
                .notNegative("started", started)
                .notNull("stillPaying", stillPaying);
        if (stillPaying != null) {
            long previous = started;
            for (int m = 0; m < stillPaying.size(); m++) {
                Long n = stillPaying.get(m);
                v.check(n != null && n >= 0 && n <= previous, "stillPaying[" + m + "]",
                        "must be between 0 and the previous count " + previous + " (was " + n + ")");
                if (n != null) {
                    previous = n;
                }
            }
        }
        v.throwIfInvalid();
        stillPaying = List.copyOf(stillPaying);
    }
}
