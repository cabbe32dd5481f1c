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
 *
 * <p>Responses a JDBC store kept from before the age index existed have no entry in it, and name no caller either.
 * Once the age index is worked off, a second phase walks the type in insertion order, where those responses come
 * first, and deletes the ones older than the cut-off; it stops at the first batch holding no response without a
 * caller, so once they are gone a day's run reads one batch more.
 *
 * <p>Thread-safe: stateless.
 */
public final class IdempotencyPruner implements RetentionPruner {
    /** Cursor prefix of the second phase; what follows is the insertion-order offset to read from. */
    private static final String UNINDEXED = "unindexed:";

    @Override
    public String dataClass() {
        return DataClasses.REST_IDEMPOTENCY;
    }

    @Override
    public PruneStep prune(ServiceContext context, Instant before, String cursor, int limit) {
        if (cursor != null && cursor.startsWith(UNINDEXED)) {
            return pruneUnindexed(context, before, Integer.parseInt(cursor.substring(UNINDEXED.length())), limit);
        }
        // what a batch deletes leaves the index, so each batch starts again at the oldest entry left
        List<Versioned<StoredResponse>> old = context.read(uow -> uow.findRange(Idempotency.TYPE,
                Idempotency.BY_AGE, Idempotency.ALL, new IndexRange(null, SortKeys.instant(before), limit, false)));
        delete(context, old);
        return new PruneStep(old.size(), old.size() < limit ? UNINDEXED + 0 : "");
    }

    private static PruneStep pruneUnindexed(ServiceContext context, Instant before, int offset, int limit) {
        List<Versioned<StoredResponse>> page = context.read(uow -> uow.list(Idempotency.TYPE, offset, limit));
        List<Versioned<StoredResponse>> unindexed = page.stream().filter(v -> v.value().caller() == null).toList();
        List<Versioned<StoredResponse>> old = unindexed.stream()
                .filter(v -> v.value().createdAt().isBefore(before)).toList();
        delete(context, old);
        if (unindexed.isEmpty() || page.size() < limit) {
            return PruneStep.done(old.size());
        }
        // what this batch deleted shifts what follows back by as much
        return new PruneStep(old.size(), UNINDEXED + (offset + page.size() - old.size()));
    }

    private static void delete(ServiceContext context, List<Versioned<StoredResponse>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        context.transact(uow -> {
            for (Versioned<StoredResponse> v : rows) {
                if (uow.find(Idempotency.TYPE, v.value().id()).isPresent()) {
                    uow.delete(Idempotency.TYPE, v.value().id(), v.version());
                }
            }
            return null;
        });
    }
}
