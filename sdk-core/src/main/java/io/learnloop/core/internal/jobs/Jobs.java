package io.learnloop.core.internal.jobs;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scheduled jobs kept as aggregates of the store, so scheduling one commits with the change that needs it (a grant
 * and its expiry) on every store, and every host instance sharing a database shares the jobs. A claim is a
 * compare-and-set that moves the job's position to the end of the claim: two instances never run one job at once,
 * and a job whose worker died is claimed again when the claim ends.
 *
 * <p>Thread-safe: immutable.
 */
public final class Jobs {
    /** Index of unfinished jobs by queue, by when they may be claimed. */
    static final String READY = "ready";

    /** Jobs by queue and key. */
    public static final AggregateType<Job> JOB = AggregateType.builder("scheduled_job", Job.class, Job::id)
            .sortedIndex(READY, j -> j.doneAt() == null ? j.queue() : null, j -> SortKeys.instant(j.availableAt()))
            .build();

    private final ServiceContext ctx;

    /**
     * Creates the jobs of a facade.
     *
     * @param ctx the context
     */
    public Jobs(ServiceContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /**
     * Schedules a job in the caller's unit of work, unless its key was scheduled before (done or not).
     *
     * @param uow     the unit of work
     * @param queue   the queue
     * @param key     the key
     * @param dueAt   when it becomes due
     * @param payload what the worker needs
     * @return true if scheduled now
     */
    public static boolean schedule(UnitOfWork uow, String queue, String key, Instant dueAt, String payload) {
        String id = Job.idOf(queue, key);
        if (uow.find(JOB, id).isPresent()) {
            return false;
        }
        uow.insert(JOB, new Job(id, queue, key, payload, dueAt, dueAt, 0, null, null));
        return true;
    }

    /**
     * Schedules a job in its own transaction, unless its key was scheduled before.
     *
     * @param queue   the queue
     * @param key     the key
     * @param dueAt   when it becomes due
     * @param payload what the worker needs
     * @return true if scheduled now
     */
    public boolean schedule(String queue, String key, Instant dueAt, String payload) {
        try {
            return ctx.transact(uow -> schedule(uow, queue, key, dueAt, payload));
        } catch (ConflictException e) {
            return false; // another instance scheduled the same key first
        }
    }

    /**
     * Claims up to {@code limit} due jobs of a queue, earliest first. A job another worker claimed meanwhile is
     * skipped.
     *
     * @param queue  the queue
     * @param worker this worker's id
     * @param limit  the most jobs to claim
     * @param lease  how long the claim holds
     * @return the claimed jobs
     */
    public List<Job> claim(String queue, String worker, int limit, Duration lease) {
        Instant now = ctx.now();
        List<Versioned<Job>> due = ctx.read(uow -> uow.findRange(JOB, READY, queue,
                new IndexRange(null, SortKeys.after(SortKeys.instant(now)), limit, false)));
        List<Job> claimed = new ArrayList<>(due.size());
        for (Versioned<Job> v : due) {
            // the index and the row may be read at different commits: a job done or claimed since is not due
            if (v.value().doneAt() != null || v.value().availableAt().isAfter(now)) {
                continue;
            }
            Job next = v.value().claimed(worker, now.plus(lease));
            try {
                ctx.transact(uow -> uow.update(JOB, next, v.version()));
                claimed.add(next);
            } catch (ConflictException e) {
                // another worker claimed or completed it first
            }
        }
        return claimed;
    }

    /**
     * Completes a claimed job, if it is still this worker's claim and not done; it is never claimed again.
     *
     * @param uow the unit of work the job's work is done in, so the work and its completion commit together
     * @param job the job as claimed
     * @return false when the job was done, or claimed by another worker after this claim's lease ran out: the caller
     *         must then not do its work
     */
    public boolean complete(UnitOfWork uow, Job job) {
        Versioned<Job> v = uow.get(JOB, job.id());
        if (v.value().doneAt() != null || !Objects.equals(v.value().claimedBy(), job.claimedBy())
                || v.value().attempts() != job.attempts()) {
            return false;
        }
        uow.update(JOB, v.value().completed(ctx.now()), v.version());
        return true;
    }
}
