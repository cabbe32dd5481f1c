package io.learnloop.core.internal.retention;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.retention.PruneStep;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.core.retention.RetentionPruner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One pass of retention over every registered data class, within a budget of batches, so one run of the scheduled
 * jobs stays short however much has piled up; what is left waits for the next run.
 *
 * <p>Thread-safe: immutable.
 */
public final class RetentionJob {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ServiceContext ctx;
    private final RetentionPolicy policy;
    private final List<RetentionPruner> pruners;
    private final int batch;
    private final int batchesPerRun;

    /**
     * Creates the job; sdk-core's outbox pruner runs first, then the modules' in registration order.
     *
     * @param ctx           the context
     * @param policy        the retention of each class
     * @param modules       the modules' pruners
     * @param batch         the most records a batch examines
     * @param batchesPerRun the most batches of one class in one run
     * @throws ValidationException if a pruner's name is invalid or taken
     */
    public RetentionJob(ServiceContext ctx, RetentionPolicy policy, List<RetentionPruner> modules, int batch,
                        int batchesPerRun) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.policy = Objects.requireNonNull(policy, "policy");
        List<RetentionPruner> all = new ArrayList<>();
        all.add(new OutboxPruner());
        all.addAll(modules);
        Set<String> names = new HashSet<>();
        for (RetentionPruner p : all) {
            String name = p.dataClass();
            if (name == null || !NAME.matcher(name).matches()) {
                throw ValidationException.of("retentionPruner", "data class must be lower-case letters, digits and"
                        + " single hyphens (was " + name + ")");
            }
            if (!names.add(name)) {
                throw ValidationException.of("retentionPruner", "data class \"" + name + "\" has two pruners;"
                        + " register each module's pruner once");
            }
        }
        this.pruners = List.copyOf(all);
        this.batch = batch;
        this.batchesPerRun = batchesPerRun;
    }

    /**
     * Prunes every class whose retention is set, as of {@code now}.
     *
     * @param now the instant the cut-offs are measured from
     * @return records deleted by class, and whether every class finished
     */
    public Outcome run(Instant now) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        boolean finished = true;
        for (RetentionPruner pruner : pruners) {
            Optional<Duration> retention = policy.retentionOf(pruner.dataClass());
            if (retention.isEmpty()) {
                continue;
            }
            Instant before = now.minus(retention.get());
            int count = 0;
            String cursor = null;
            PruneStep step;
            int batches = 0;
            do {
                step = pruner.prune(ctx, before, cursor, batch);
                count += step.deleted();
                cursor = step.cursor();
                batches++;
            } while (!step.finished() && batches < batchesPerRun);
            finished &= step.finished();
            deleted.put(pruner.dataClass(), count);
        }
        return new Outcome(deleted, finished);
    }

    /**
     * What a pass did.
     *
     * @param deleted  records deleted by data class
     * @param finished true if no class has anything older than its retention left
     */
    public record Outcome(Map<String, Integer> deleted, boolean finished) {
        /** Copies the counts. */
        public Outcome {
            deleted = Map.copyOf(deleted);
        }
    }

}
