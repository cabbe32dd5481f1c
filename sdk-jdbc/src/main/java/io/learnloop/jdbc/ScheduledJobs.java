package io.learnloop.jdbc;

import io.learnloop.core.identity.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scheduled work shared by every host instance over one database: reconciliation runs, access expiry, reminders.
 * A job is scheduled once per (tenant, queue, key); an instance claims due jobs with a lease, and while the lease
 * holds no other instance gets them. A worker that dies simply lets its lease end, and the job is claimed again.
 *
 * <pre>{@code
 * ScheduledJobs jobs = store.jobs();
 * jobs.schedule(tenant, "access.expire", grantId, grant.endsAt(), grantId);
 * for (ScheduledJob job : jobs.claimDue(tenant, "access.expire", hostId, 50, clock.instant(), Duration.ofMinutes(5))) {
 *     expire(job.payload());
 *     jobs.complete(tenant, "access.expire", job.key(), clock.instant());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface ScheduledJobs {
    /**
     * Schedules a job unless one with the same key is already scheduled (done or not).
     *
     * @param tenant  the tenant
     * @param queue   the queue name (at most 64 characters)
     * @param key     the job's key in its queue (at most 255 characters)
     * @param dueAt   when it becomes due
     * @param payload what the worker needs
     * @return true if scheduled now, false if the key was already scheduled
     */
    boolean schedule(TenantId tenant, String queue, String key, Instant dueAt, String payload);

    /**
     * Claims up to {@code limit} due, unfinished jobs of a queue, earliest due first, for {@code worker}.
     *
     * @param tenant the tenant
     * @param queue  the queue
     * @param worker the claiming instance's id
     * @param limit  the most jobs to claim
     * @param now    the current instant
     * @param lease  how long the claim holds
     * @return the claimed jobs
     */
    List<ScheduledJob> claimDue(TenantId tenant, String queue, String worker, int limit, Instant now, Duration lease);

    /**
     * Marks a job done; it is never claimed again.
     *
     * @param tenant the tenant
     * @param queue  the queue
     * @param key    the job's key
     * @param now    the current instant
     */
    void complete(TenantId tenant, String queue, String key, Instant now);

    /**
     * Releases a claimed job and makes it due again at {@code dueAt} (for a retry with backoff).
     *
     * @param tenant the tenant
     * @param queue  the queue
     * @param key    the job's key
     * @param dueAt  when it is due again
     */
    void retryAt(TenantId tenant, String queue, String key, Instant dueAt);
}
