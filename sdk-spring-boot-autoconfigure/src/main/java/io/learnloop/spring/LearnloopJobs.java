package io.learnloop.spring;

import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ReconciliationReport;

import java.util.Objects;

/**
 * The SDK's scheduled work in one call: the facade's due jobs ({@link Learnloop#runScheduledJobs()}), the outbox
 * events still pending ({@link Learnloop#deliverEvents()}) and, with payments configured, reconciliation
 * ({@link Payments#reconcile()}). The starter calls {@link #runOnce()} every {@code learnloop.jobs.interval} on each
 * instance; the work is claimed in the store, so instances never do one job twice. A host with its own scheduler sets
 * {@code learnloop.jobs.enabled=false} and calls {@link #runOnce()} itself.
 *
 * <p>Thread-safe.
 */
public final class LearnloopJobs {
    private final Learnloop learnloop;
    private final Payments payments;

    /**
     * Creates the jobs.
     *
     * @param learnloop the facade
     * @param payments  the payments to reconcile, or null when none are configured
     */
    public LearnloopJobs(Learnloop learnloop, Payments payments) {
        this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
        this.payments = payments;
    }

    /**
     * Runs the due work once.
     *
     * @return what was done
     */
    public Run runOnce() {
        JobRun jobs = learnloop.runScheduledJobs();
        int delivered = learnloop.deliverEvents();
        ReconciliationReport report = payments == null ? null : payments.reconcile();
        return new Run(jobs, delivered, report);
    }

    /**
     * What one {@link #runOnce()} did.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param jobs            the facade's scheduled jobs
     * @param eventsDelivered how many pending outbox events were delivered
     * @param reconciliation  the reconciliation report, or null without payments
     */
    public record Run(JobRun jobs, int eventsDelivered, ReconciliationReport reconciliation) {
    }

    @Override
    public String toString() {
        return "LearnloopJobs[payments=" + (payments != null) + "]";
    }
}
