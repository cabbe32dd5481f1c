package io.learnloop.core.internal.jobs;

import io.learnloop.core.internal.settlement.OutcomeDecisions;
import io.learnloop.core.JobRun;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.internal.access.DefaultAccessService;
import io.learnloop.core.internal.subscription.DefaultSubscriptionService;
import io.learnloop.core.internal.reputation.DefaultReputationService;
import io.learnloop.core.internal.retention.RetentionJob;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.core.retention.RetentionPruner;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SDK's own scheduled work, run by {@code Learnloop.runScheduledJobs()}: announcing the end of time-limited
 * grants, deciding pay-per-outcome order lines at their deadlines, taking away reputation roles whose holder's score decayed below the threshold, and once a day the retention job, which prunes each data class older than its retention.
 *
 * <p>Thread-safe: immutable.
 */
public final class ScheduledWork {
    private static final String PRUNE_QUEUE = "outbox.prune";
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int PRUNE_BATCH = 500;
    /** Batches of one class per run: a backlog is worked off over several runs, each short. */
    private static final int PRUNE_BATCHES_PER_RUN = 20;

    private final ServiceContext ctx;
    private final Jobs jobs;
    private final DefaultAccessService access;
    private final RetentionJob retention;
    private final String worker;
    private final OutcomeDecisions outcomes;
    private final DefaultSubscriptionService subscriptions;
    private final DefaultReputationService reputation;

    /**
     * Creates the work of a facade.
     *
     * @param ctx             the context
     * @param access          the access ledger
     * @param retention       the retention of each data class
     * @param pruners         the modules' pruners
     * @param worker          this instance's id, for claims
     * @param outcomes        the decisions of pay-per-outcome lines
     * @param subscriptions   the subscriptions whose deadlines pass
     * @param reputation      the reputation, whose roles lapse as scores decay
     */
    public ScheduledWork(ServiceContext ctx, DefaultAccessService access, RetentionPolicy retention,
                         List<RetentionPruner> pruners, String worker, OutcomeDecisions outcomes,
                         DefaultSubscriptionService subscriptions, DefaultReputationService reputation) {
        this.reputation = Objects.requireNonNull(reputation, "reputation");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.jobs = new Jobs(ctx);
        this.access = Objects.requireNonNull(access, "access");
        this.retention = new RetentionJob(ctx, retention, pruners, PRUNE_BATCH, PRUNE_BATCHES_PER_RUN);
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /**
     * Runs the due jobs: up to {@code limit} grant expiries, up to {@code limit} pay-per-outcome lines whose deadline
     * passed (earliest deadline first), and today's retention job if no instance finished it yet.
     *
     * @param limit the most expiries to announce, and the most outcome lines to decide, in this run
     * @return what was done
     */
    public JobRun runDue(int limit) {
        // before the expiries: a period that ends unpaid gets its grace period granted before the end of the paid
        // one is announced, so a listener recomputing access (the community sync) never drops the learner between
        subscriptions.advanceDue(limit);
        int expired = 0;
        for (Job job : jobs.claim(DefaultAccessService.EXPIRY_QUEUE, worker, limit, LEASE)) {
            boolean announced = ctx.transactRetrying(uow ->
                    jobs.complete(uow, job) && access.expireWithin(uow, job.payload()));
            expired += announced ? 1 : 0;
        }
        int decided = 0;
        for (Job job : jobs.claim(OutcomeDecisions.QUEUE, worker, limit, LEASE)) {
            // the completion commits with the decision: a job completed elsewhere decides nothing here
            boolean done = ctx.transactRetrying(uow -> jobs.complete(uow, job) && outcomes.decideWithin(uow,
                    job.payload()));
            decided += done ? 1 : 0;
        }
        // roles whose holder's decayed score fell below the threshold since the last run, earliest first
        reputation.evaluateLapsed(limit);
        Instant now = ctx.now();
        jobs.schedule(PRUNE_QUEUE, LocalDate.ofInstant(now, ZoneOffset.UTC).toString(), now, "");
        Map<String, Integer> pruned = Map.of();
        for (Job job : jobs.claim(PRUNE_QUEUE, worker, 1, LEASE)) {
            RetentionJob.Outcome outcome = retention.run(now);
            pruned = outcome.deleted();
            if (outcome.finished()) {
                ctx.transact(uow -> {
                    jobs.complete(uow, job);
                    return null;
                });
            }
            // unfinished: the claim runs out and a later run takes the day's job up again
        }
        return new JobRun(expired, pruned.getOrDefault(DataClasses.OUTBOX, 0), pruned, decided);
    }
}
