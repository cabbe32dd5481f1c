package io.learnloop.jdbc;

import java.time.Instant;

/**
 * A claimed unit of scheduled work.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param queue    the queue, for example {@code "payment.reconcile"}
 * @param key      the job's key, unique in its queue and tenant (for example the order id or the period)
 * @param dueAt    when it became due
 * @param payload  what the worker needs, as text (often JSON)
 * @param attempts how many times it has been claimed, this claim included
 */
public record ScheduledJob(String queue, String key, Instant dueAt, String payload, int attempts) {
}
