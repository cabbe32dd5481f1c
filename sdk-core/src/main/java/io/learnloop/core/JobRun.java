package io.learnloop.core;

/**
 * What one run of the scheduled jobs did ({@link Learnloop#runScheduledJobs()}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param grantsExpired how many ends of time-limited grants (membership periods, rentals) were announced with
 *                      {@code access.expired}
 * @param eventsPruned  how many delivered outbox events older than the retention were deleted
 */
public record JobRun(int grantsExpired, int eventsPruned) {
}
