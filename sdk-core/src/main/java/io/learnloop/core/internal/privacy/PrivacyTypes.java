package io.learnloop.core.internal.privacy;

import io.learnloop.core.privacy.AuditEntry;
import io.learnloop.core.privacy.ConsentRecord;
import io.learnloop.core.privacy.Consents;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregate types of consent and the audit log.
 *
 * <p>Thread-safe: constants only.
 */
public final class PrivacyTypes {
    /** Index of a learner's consent records, by time. */
    public static final String BY_LEARNER = "learner";
    /** Index of every audit entry, by time, under the one key {@link #LOG}. */
    public static final String ALL = "all";
    /** Index of the audit entries about one person, by time. */
    public static final String BY_SUBJECT = "subject";
    /** The one key of the {@link #ALL} index. */
    public static final String LOG = "log";

    /** One recorded decision; never updated. */
    public static final AggregateType<ConsentRecord> CONSENT = AggregateType
            .builder("consent", ConsentRecord.class, ConsentRecord::id)
            .sortedIndex(BY_LEARNER, r -> r.learner().value(), r -> SortKeys.instant(r.recordedAt()))
            .build();

    /**
     * A learner's standing decisions, keyed by the learner: what features ask, read by primary key however long the
     * history grows.
     */
    public static final AggregateType<Consents> STANDING = AggregateType
            .builder("consent_standing", Consents.class, c -> c.learner().value())
            .build();

    /** One audit entry; never updated. */
    public static final AggregateType<AuditEntry> AUDIT = AggregateType
            .builder("audit_entry", AuditEntry.class, AuditEntry::id)
            .sortedIndex(ALL, e -> LOG, e -> SortKeys.instant(e.at()))
            .sortedIndex(BY_SUBJECT, e -> e.subject() == null ? null : e.subject().value(),
                    e -> SortKeys.instant(e.at()))
            .build();

    /** One learner's erasure, keyed by a digest of the learner's id. */
    public static final AggregateType<ErasureRecord> ERASURE = AggregateType
            .builder("personal_data_erasure", ErasureRecord.class, ErasureRecord::id)
            .build();

    private PrivacyTypes() {
    }
}
