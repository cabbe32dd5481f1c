package io.learnloop.lms;

import io.learnloop.core.identity.UserId;

import java.util.List;
import java.util.Map;

/**
 * A verified LTI 1.3 launch: the claims of an id_token whose signature, issuer, audience, times, nonce, deployment,
 * message type and version were all checked, and the Learnloop learner it maps to. The learner is found by the
 * platform's issuer and the token's {@code sub}, never by an email or a name, which a platform user can change.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param messageType     the kind of launch
 * @param issuer          the platform's issuer
 * @param clientId        the tool's client id at the platform
 * @param deploymentId    the deployment, {@code https://purl.imsglobal.org/spec/lti/claim/deployment_id}
 * @param subject         the platform's user id, {@code sub}
 * @param learner         the Learnloop user mapped from issuer and subject
 * @param roles           the user's roles in the context, {@code https://purl.imsglobal.org/spec/lti/claim/roles}
 *                        (copied)
 * @param resourceLinkId  the placed link's id ({@code resource_link.id}), or null for Deep Linking
 * @param targetLinkUri   the launch's {@code target_link_uri}
 * @param contextId       the course section in the LMS ({@code context.id}), or null
 * @param custom          the link's custom parameters, {@code https://purl.imsglobal.org/spec/lti/claim/custom}
 *                        (copied)
 * @param ags             the grade service endpoint, or null when the platform offers none
 * @param membershipsUrl  the roster service URL ({@code context_memberships_url}), or null
 * @param deepLinking     the Deep Linking settings, for {@link LtiMessageType#DEEP_LINKING} only; else null
 */
public record LtiLaunch(LtiMessageType messageType, String issuer, String clientId, String deploymentId,
                        String subject, UserId learner, List<String> roles, String resourceLinkId,
                        String targetLinkUri, String contextId, Map<String, String> custom, AgsEndpoint ags,
                        String membershipsUrl, DeepLinkingSettings deepLinking) {
    /** The LIS role of a learner in a context. */
    public static final String LEARNER_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    /** The LIS role of a teacher in a context. */
    public static final String INSTRUCTOR_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    /**
     * Copies the roles and the custom parameters.
     *
     * @param messageType    the kind of launch
     * @param issuer         the issuer
     * @param clientId       the client id
     * @param deploymentId   the deployment
     * @param subject        the subject
     * @param learner        the learner
     * @param roles          the roles
     * @param resourceLinkId the link id
     * @param targetLinkUri  the target link URI
     * @param contextId      the context id
     * @param custom         the custom parameters
     * @param ags            the grade service endpoint
     * @param membershipsUrl the roster service URL
     * @param deepLinking    the Deep Linking settings
     */
    public LtiLaunch {
        roles = roles == null ? List.of() : List.copyOf(roles);
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }

    /**
     * Whether the user holds the learner role in the context: only learners take seats of organisation licences.
     *
     * @return true for a learner
     */
    public boolean isLearner() {
        return roles.contains(LEARNER_ROLE);
    }

    /**
     * Whether the user holds the instructor role in the context (the role that may pick content in Deep Linking).
     *
     * @return true for an instructor
     */
    public boolean isInstructor() {
        return roles.contains(INSTRUCTOR_ROLE);
    }
}
