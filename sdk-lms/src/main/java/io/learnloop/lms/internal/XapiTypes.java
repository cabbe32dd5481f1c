package io.learnloop.lms.internal;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregates the xAPI publisher keeps in the core store.
 *
 * <p>Thread-safe: constants.
 */
final class XapiTypes {
    /** The statements about one learner (and an erasure's voiding statements still to send), oldest first. */
    static final String SUBJECT = "subject";

    /** Each LRS's statements by status, oldest first: the pending queue is one bounded range read. */
    static final AggregateType<QueuedStatement> STATEMENT = AggregateType.builder("xapi_statement",
                    QueuedStatement.class, QueuedStatement::key)
            .sortedIndex("queue", QueuedStatement::queue, s -> SortKeys.instant(s.queuedAt()))
            .sortedIndex(SUBJECT, QueuedStatement::subjectKey, s -> SortKeys.instant(s.queuedAt()))
            .build();

    private XapiTypes() {
    }
}
