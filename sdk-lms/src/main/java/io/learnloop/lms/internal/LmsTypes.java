package io.learnloop.lms.internal;

import io.learnloop.core.store.AggregateType;

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
    static final AggregateType<LoginState> LOGIN_STATE = AggregateType.builder("lti_login_state", LoginState.class,
            LoginState::state).build();
    static final AggregateType<LtiUserRow> USER = AggregateType.builder("lti_user", LtiUserRow.class, LtiUserRow::id)
            .index("learner", LtiUserRow::learner)
            .build();

    private LmsTypes() {
    }
}
