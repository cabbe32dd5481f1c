package io.learnloop.core.internal.retention;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.PruneStep;
import io.learnloop.core.retention.RetentionPruner;

import java.time.Instant;

/**
 * Prunes delivered outbox events through the store's own bounded delete: it removes the oldest first, so a batch
 * needs no cursor and a full batch means more may be left.
 *
 * <p>Thread-safe: stateless.
 */
public final class OutboxPruner implements RetentionPruner {
    @Override
    public String dataClass() {
        return DataClasses.OUTBOX;
    }

    @Override
    public PruneStep prune(ServiceContext context, Instant before, String cursor, int limit) {
        int deleted = context.store().pruneDelivered(context.tenant(), before, limit);
        return deleted < limit ? PruneStep.done(deleted) : new PruneStep(deleted, "");
    }
}
