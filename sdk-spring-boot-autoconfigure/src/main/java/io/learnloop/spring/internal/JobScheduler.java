package io.learnloop.spring.internal;

import io.learnloop.spring.LearnloopJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LearnloopJobs#runOnce()} at a fixed delay on one daemon thread while the application runs. A failed run
 * is logged and the next one comes at its time; the work is idempotent and claimed in the store.
 *
 * <p>Thread-safe.
 */
public final class JobScheduler implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private final LearnloopJobs jobs;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * Creates the scheduler.
     *
     * @param jobs     the work
     * @param interval the pause between two runs
     */
    public JobScheduler(LearnloopJobs jobs, Duration interval) {
        this.jobs = jobs;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "learnloop-jobs");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            LearnloopJobs.Run run = jobs.runOnce();
            LOG.debug("learnloop jobs: {}", run);
        } catch (RuntimeException e) {
            LOG.warn("learnloop jobs failed; the next run is in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
