package io.learnloop.rest.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.PruneStep;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.List;

/**
 * Deletes stored responses of idempotency keys older than the retention, oldest first through the age index. A
 * repeat that arrives after its response was pruned runs the operation again, which the core answers alike (an order
 * is placed under a client key derived from the idempotency key), so pruning loses the replayed headers, not safety.
 * Responses stored before the age index existed are not in it and stay.
 *
 * <p>Thread-safe: stateless.
 */
public final class IdempotencyPruner implements RetentionPruner {
    @Override
    public String dataClass() {
        return DataClasses.REST_IDEMPOTENCY;
    }

    @Override
    public PruneStep prune(ServiceContext context, Instant before, String cursor, int limit) {
        // what a batch deletes leaves the index, so each batch starts again at the oldest entry left
        List<Versioned<StoredResponse>> old = context.read(uow -> uow.findRange(Idempotency.TYPE,
                Idempotency.BY_AGE, Idempotency.ALL, new IndexRange(null, SortKeys.instant(before), limit, false)));
        if (!old.isEmpty()) {
            context.transact(uow -> {
                for (Versioned<StoredResponse> v : old) {
                    if (uow.find(Idempotency.TYPE, v.value().id()).isPresent()) {
                        uow.delete(Idempotency.TYPE, v.value().id(), v.version());
                    }
                }
                return null;
            });
        }
        return old.size() < limit ? PruneStep.done(old.size()) : new PruneStep(old.size(), "");
    }
}
