package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.PruneStep;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.List;

/**
 * Deletes the queue rows of statements an LRS accepted once they are older than the retention: the LRS holds the
 * statement itself. Rows are read per LRS through the queue index (oldest queued first), a batch at a time from a
 * cursor; a row queued before the cut-off but sent after it is passed over until a later day. Rejected and
 * conflicting statements stay, for an operator to look into. A statement whose row is gone and whose event is
 * delivered again is queued and sent again under the same statement id, which the LRS recognises.
 *
 * <p>Thread-safe: immutable.
 */
public final class SentStatementPruner implements RetentionPruner {
    private static final String QUEUE = "queue";

    private final List<String> lrs;

    /**
     * Creates the pruner.
     *
     * @param lrs the ids of the LRSs statements are queued for
     */
    public SentStatementPruner(List<String> lrs) {
        this.lrs = List.copyOf(lrs);
    }

    @Override
    public String dataClass() {
        return DataClasses.XAPI_SENT;
    }

    @Override
    public PruneStep prune(ServiceContext context, Instant before, String cursor, int limit) {
        // the cursor is the index of the LRS, a colon, and the last position read in its queue
        int at = cursor == null ? 0 : Integer.parseInt(cursor.substring(0, cursor.indexOf(':')));
        String after = cursor == null ? null : cursor.substring(cursor.indexOf(':') + 1);
        if (at >= lrs.size()) {
            return PruneStep.done(0);
        }
        String queue = QueuedStatement.queueOf(lrs.get(at), QueuedStatement.SENT);
        IndexRange range = new IndexRange(after == null || after.isEmpty() ? null : after,
                SortKeys.instant(before), limit, false);
        List<Versioned<QueuedStatement>> rows = context.read(uow -> uow.findRange(XapiTypes.STATEMENT, QUEUE, queue,
                range));
        List<Versioned<QueuedStatement>> old = rows.stream()
                .filter(v -> QueuedStatement.SENT.equals(v.value().status()) && v.value().doneAt() != null
                        && v.value().doneAt().isBefore(before))
                .toList();
        if (!old.isEmpty()) {
            context.transact(uow -> {
                for (Versioned<QueuedStatement> v : old) {
                    // a row another run deleted meanwhile is simply gone
                    if (uow.find(XapiTypes.STATEMENT, v.value().key()).isPresent()) {
                        uow.delete(XapiTypes.STATEMENT, v.value().key(), v.version());
                    }
                }
                return null;
            });
        }
        String next;
        if (rows.size() == limit) {
            AggregateType<QueuedStatement> type = XapiTypes.STATEMENT;
            next = at + ":" + type.position(QUEUE, rows.get(rows.size() - 1).value());
        } else {
            next = at + 1 < lrs.size() ? (at + 1) + ":" : null;
        }
        return new PruneStep(old.size(), next);
    }
}
