package io.learnloop.lms.internal;

import io.learnloop.lms.ExternalTool;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The records Learnloop keeps as an LTI platform, one per stored aggregate (see {@link PlatformTypes}).
 *
 * <p>Thread-safe: immutable records.
 */
final class PlatformRows {
    private PlatformRows() {
    }

    /** A registered tool, keyed by a hash of its client id. */
    record ToolRow(String id, ExternalTool tool) {
    }

    /** A registered deployment of a tool. */
    record ToolDeploymentRow(String id, String clientId, String deploymentId, Instant registeredAt) {
    }

    /**
     * A launch in flight: the single-use {@code login_hint} (the id) and {@code lti_message_hint}, bound to the user
     * and to everything the id_token will say.
     */
    record LaunchHint(String id, String messageHint, String clientId, String deploymentId, String user,
                      String messageType, List<String> roles, String contextId, String contextTitle,
                      String resourceLinkId, String resourceLinkTitle, String targetLinkUri, Map<String, String> custom,
                      String lesson, double scoreMaximum, Instant issuedAt, Instant expiresAt, Instant usedAt) {
        LaunchHint used(Instant at) {
            return new LaunchHint(id, messageHint, clientId, deploymentId, user, messageType, roles, contextId,
                    contextTitle, resourceLinkId, resourceLinkTitle, targetLinkUri, custom, lesson, scoreMaximum,
                    issuedAt, expiresAt, at);
        }
    }

    /** The LTI user id ({@code sub}) a tool knows a learner by; pairwise, so tools cannot correlate learners. */
    record SubjectRow(String id, String clientId, String subject, String learner) {
    }

    /** A gradebook column. */
    record LineItemRow(String id, String clientId, String contextId, String label, double scoreMaximum,
                       String resourceLinkId, String resourceId, String tag, String lesson, Instant createdAt) {
    }

    /** A learner's latest score in a line item. */
    record ResultRow(String id, String lineItemId, String userId, String learner, Double scoreGiven,
                     Double scoreMaximum, String comment, String activityProgress, String gradingProgress,
                     Instant timestamp, Instant recordedAt) {
    }

    /** A client assertion {@code jti} or Deep Linking {@code nonce} already accepted, kept until it expires. */
    record UsedTokenId(String id, Instant expiresAt) {
    }

    /** An issued access token, keyed by the SHA-256 of its value. */
    record AccessTokenRow(String id, String clientId, List<String> scopes, Instant expiresAt) {
    }

    /**
     * A Deep Linking request in flight: the {@code data} the response must echo, used once, and the lesson the picked
     * content is placed in (null for none), which the columns it creates complete.
     */
    record DeepLinkingRequestRow(String id, String clientId, String deploymentId, String contextId, String user,
                                 Instant expiresAt, Instant answeredAt, String lesson) {
    }

    /** A content item a tool returned. */
    record ContentItemRow(String id, String clientId, String deploymentId, String contextId, int position, String type,
                          String title, String url, Map<String, String> custom, String lineItemId,
                          Instant receivedAt) {
    }
}
