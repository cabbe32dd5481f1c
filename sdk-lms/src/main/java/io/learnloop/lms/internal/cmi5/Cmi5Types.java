package io.learnloop.lms.internal.cmi5;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.AuRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.CredentialRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.DocumentRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.RegistrationRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.SessionRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StatementRow;
import io.learnloop.lms.internal.cmi5.Cmi5Rows.StructureRow;

/**
 * The aggregates the cmi5 LMS keeps in the core store. Whatever grows with use (AUs of a course, statements of a
 * registration or a learner) sits in a sorted index read a page at a time; every record about a learner is indexed
 * by the learner, for the export and the erasure.
 *
 * <p>Thread-safe: constants.
 */
final class Cmi5Types {
    static final String ALL = "all";
    static final AggregateType<StructureRow> STRUCTURE = AggregateType.builder("cmi5_structure", StructureRow.class,
            StructureRow::id).build();
    static final AggregateType<AuRow> AU = AggregateType.builder("cmi5_au", AuRow.class, AuRow::id)
            .sortedIndex("course", AuRow::course, a -> SortKeys.number(a.index()))
            .unique("lesson", AuRow::lesson)
            .build();
    static final AggregateType<RegistrationRow> REGISTRATION = AggregateType.builder("cmi5_registration",
                    RegistrationRow.class, RegistrationRow::id)
            .unique("learner_course", r -> Ids.hash(r.learner(), r.course()))
            .index("learner", RegistrationRow::learner)
            .build();
    static final AggregateType<SessionRow> SESSION = AggregateType.builder("cmi5_session", SessionRow.class,
                    SessionRow::id)
            .sortedIndex("learner", SessionRow::learner, s -> SortKeys.instant(s.launchedAt()))
            .build();
    static final AggregateType<CredentialRow> CREDENTIAL = AggregateType.builder("cmi5_credential",
                    CredentialRow.class, CredentialRow::id)
            .sortedIndex("expiry", c -> ALL, c -> SortKeys.instant(c.expiresAt()))
            .index("learner", CredentialRow::learner)
            .build();
    static final AggregateType<StatementRow> STATEMENT = AggregateType.builder("cmi5_statement", StatementRow.class,
                    StatementRow::id)
            .sortedIndex("registration", StatementRow::registration, s -> SortKeys.instant(s.stored()))
            .sortedIndex("learner", StatementRow::learner, s -> SortKeys.instant(s.stored()))
            .build();
    static final AggregateType<DocumentRow> DOCUMENT = AggregateType.builder("cmi5_document", DocumentRow.class,
                    DocumentRow::id)
            .sortedIndex("learner", DocumentRow::learner, d -> SortKeys.instant(d.updated()))
            .build();

    private Cmi5Types() {
    }
}
