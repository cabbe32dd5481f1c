package io.learnloop.core.internal.jobs;

import io.learnloop.core.JobRun;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.internal.access.DefaultAccessService;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The SDK's own scheduled work, run by {@code Learnloop.runScheduledJobs()}: announcing the end of time-limited
 * grants, and pruning delivered outbox events once a day after their retention.
 *
 * <p>Thread-safe: immutable.
 */
public final class ScheduledWork {
    private static final String PRUNE_QUEUE = "outbox.prune";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int PRUNE_BATCH = 1000;

    private final ServiceContext ctx;
    private final Jobs jobs;
    private final DefaultAccessService access;
    private final Duration outboxRetention;
    private final String worker;

    /**
     * Creates the work of a facade.
     *
     * @param ctx             the context
     * @param access          the access ledger
     * @param outboxRetention how long delivered events are kept
     * @param worker          this instance's id, for claims
     */
    public ScheduledWork(ServiceContext ctx, DefaultAccessService access, Duration outboxRetention, String worker) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.jobs = new Jobs(ctx);
        this.access = Objects.requireNonNull(access, "access");
        this.outboxRetention = Objects.requireNonNull(outboxRetention, "outboxRetention");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /**
     * Runs the due jobs: up to {@code limit} grant expiries, and today's outbox pruning if no instance ran it yet.
     *
     * @param limit the most expiries to announce in this run
     * @return what was done
     */
    public JobRun runDue(int limit) {
        int expired = 0;
        for (Job job : jobs.claim(DefaultAccessService.EXPIRY_QUEUE, worker, limit, LEASE)) {
            boolean announced = ctx.transactRetrying(uow ->
                    jobs.complete(uow, job) && access.expireWithin(uow, job.payload()));
            expired += announced ? 1 : 0;
        }
        Instant now = ctx.now();
        jobs.schedule(PRUNE_QUEUE, LocalDate.ofInstant(now, ZoneOffset.UTC).toString(), now, "");
        int pruned = 0;
        for (Job job : jobs.claim(PRUNE_QUEUE, worker, 1, LEASE)) {
            Instant before = now.minus(outboxRetention);
            int batch;
            do {
                batch = ctx.store().pruneDelivered(ctx.tenant(), before, PRUNE_BATCH);
                pruned += batch;
            } while (batch == PRUNE_BATCH);
            ctx.transact(uow -> {
                jobs.complete(uow, job);
                return null;
            });
        }
        return new JobRun(expired, pruned);
    }
}
