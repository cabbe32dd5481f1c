package io.learnloop.core.retention;

import io.learnloop.core.ServiceContext;

import java.time.Instant;

/**
 * Deletes the records of one data class that are older than their retention, registered with
 * {@code Learnloop.Builder.retentionPruner} (as a {@code PersonalDataEraser} is). The facade's daily retention job
 * calls {@link #prune} batch after batch, each with the cursor the previous one returned, until a batch reports it is
 * finished or the run's budget is spent; an unfinished day's job is taken up again by a later run.
 *
 * <p>A pruner must find its records through a sorted index (keyset, oldest first), never load a whole class, and be
 * idempotent: a batch that runs again after a crash, or on a record another instance deleted meanwhile, just finds
 * less to delete. It must only delete records no other record or operation still needs.
 *
 * <p>Thread-safe: implementations must be.
 */
public interface RetentionPruner {
    /**
     * The data class pruned, as named in {@link RetentionPolicy} (see {@link DataClasses}): lower-case letters,
     * digits and hyphens, unique across pruners.
     *
     * @return the name
     */
    String dataClass();

    /**
     * Deletes up to {@code limit} records older than {@code before}, each in a unit of work of its own or in one for
     * the batch.
     *
     * @param context the facade's context (store, tenant, clock)
     * @param before  the cut-off: records that became prunable before it go
     * @param cursor  where the previous batch stopped, or null for the first batch
     * @param limit   the most records to examine in this batch
     * @return what the batch did, and where the next continues
     */
    PruneStep prune(ServiceContext context, Instant before, String cursor, int limit);
}
