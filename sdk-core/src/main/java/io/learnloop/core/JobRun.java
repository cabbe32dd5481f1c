package io.learnloop.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one run of the scheduled jobs did ({@link Learnloop#runScheduledJobs()}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param grantsExpired how many ends of time-limited grants (membership periods, rentals) were announced with
 *                      {@code access.expired}
 * @param eventsPruned  how many delivered outbox events older than the retention were deleted
 * @param pruned        how many records of each data class the retention job deleted in this run, by data class
 *                      name (see {@code io.learnloop.core.retention.DataClasses}); a class pruned in this run appears
 *                      even with zero, a run that did not prune has none
 * @param outcomesDecided how many pay-per-outcome order lines whose deadline had passed were decided
 *                        ({@code order.outcome_decided})
 */
public record JobRun(int grantsExpired, int eventsPruned, Map<String, Integer> pruned, int outcomesDecided) {
    /**
     * Copies the counts.
     */
    public JobRun {
        new io.learnloop.core.error.Validator().notNegative("outcomesDecided", outcomesDecided).throwIfInvalid();
        pruned = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(pruned, "pruned")));
    }

    /**
     * A run that decided no pay-per-outcome line.
     *
     * @param grantsExpired the grant ends announced
     * @param eventsPruned  the outbox events deleted
     * @param pruned        the records deleted, by data class
     */
    public JobRun(int grantsExpired, int eventsPruned, Map<String, Integer> pruned) {
        this(grantsExpired, eventsPruned, pruned, 0);
    }

    /**
     * How many records of a data class this run deleted.
     *
     * @param dataClass the data class
     * @return the count, zero if it was not pruned in this run
     */
    public int prunedOf(String dataClass) {
        return pruned.getOrDefault(dataClass, 0);
    }
}
