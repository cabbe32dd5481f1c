package io.learnloop.core.internal.jobs;

import java.time.Instant;

/**
 * A scheduled job: due work that any host instance may claim for a while and then complete. It stays filed under its
 * queue, positioned at the instant it becomes claimable, until it is completed.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          queue and key
 * @param queue       the queue
 * @param key         the key, unique in the queue: a job is scheduled once per key
 * @param payload     what the worker needs
 * @param dueAt       when it became due
 * @param availableAt when it may be claimed: its due time, or the end of the latest claim
 * @param attempts    how many times it was claimed
 * @param claimedBy   the worker of the latest claim, or null
 * @param doneAt      when it was completed, or null
 */
public record Job(String id, String queue, String key, String payload, Instant dueAt, Instant availableAt,
                  int attempts, String claimedBy, Instant doneAt) {
    /**
     * The id of a job.
     *
     * @param queue the queue
     * @param key   the key
     * @return the id
     */
    static String idOf(String queue, String key) {
        return queue + ":" + key;
    }

    /**
     * The job claimed by a worker until {@code until}.
     *
     * @param worker the worker
     * @param until  the end of the claim
     * @return the claimed job
     */
    Job claimed(String worker, Instant until) {
        return new Job(id, queue, key, payload, dueAt, until, attempts + 1, worker, null);
    }

    /**
     * The job completed.
     *
     * @param at when
     * @return the completed job
     */
    Job completed(Instant at) {
        return new Job(id, queue, key, payload, dueAt, availableAt, attempts, claimedBy, at);
    }
}
