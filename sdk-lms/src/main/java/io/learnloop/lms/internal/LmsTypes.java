package io.learnloop.lms.internal;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.lms.SeatLicence;

/**
 * The aggregates the LTI tool keeps in the core store.
 *
 * <p>Thread-safe: constants.
 */
final class LmsTypes {
    static final AggregateType<PlatformRow> PLATFORM = AggregateType.builder("lti_platform", PlatformRow.class,
                    PlatformRow::id)
            .index("issuer", p -> p.registration().issuer())
            .build();
    static final AggregateType<DeploymentRow> DEPLOYMENT = AggregateType.builder("lti_deployment",
            DeploymentRow.class, DeploymentRow::id).build();
    /** Every state sits under one key of the expiry index, ordered by when it expires, so pruning reads a range. */
    static final String ALL = "all";
    static final AggregateType<LoginState> LOGIN_STATE = AggregateType.builder("lti_login_state", LoginState.class,
                    LoginState::state)
            .sortedIndex("expiry", s -> ALL, s -> SortKeys.instant(s.expiresAt()))
            .build();
    static final AggregateType<LtiUserRow> USER = AggregateType.builder("lti_user", LtiUserRow.class, LtiUserRow::id)
            .index("learner", LtiUserRow::learner)
            .build();

    static final AggregateType<SeatLicence> LICENCE = AggregateType.builder("lti_licence", SeatLicence.class,
                    SeatLicence::id)
            .index("deployment", l -> Keys.of(l.issuer(), l.deploymentId()))
            .unique("reference", l -> Keys.of(l.issuer(), l.deploymentId(), l.reference()))
            .build();
    static final AggregateType<SeatRow> SEAT = AggregateType.builder("lti_seat", SeatRow.class, SeatRow::id)
            .sortedIndex("licence", SeatRow::licence, s -> SortKeys.instant(s.takenAt()))
            // a learner's export reads their seats by it; a learner takes a seat once per licence
            .index("learner", SeatRow::learner)
            .build();

    static final AggregateType<GradeLinkRow> GRADE_LINK = AggregateType.builder("lti_grade_link",
                    GradeLinkRow.class, GradeLinkRow::id)
            .index("learner_course", GradeLinkRow::learnerCourse)
            // a learner's export reads their links by it: one per placed link launched
            .index("learner", GradeLinkRow::learner)
            .build();
    static final AggregateType<ScoreDelivery> SCORE = AggregateType.builder("lti_score", ScoreDelivery.class,
                    ScoreDelivery::id)
            .sortedIndex("link", ScoreDelivery::link, d -> SortKeys.instant(d.timestamp()))
            .build();

    /** Columns the tool created itself, one per placed link; read by id only. */
    static final AggregateType<ColumnRow> COLUMN = AggregateType.builder("lti_column", ColumnRow.class, ColumnRow::id)
            .build();

    private LmsTypes() {
    }
}
