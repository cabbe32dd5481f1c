package io.learnloop.lms;

import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the host launches into an external tool, on behalf of the signed-in user: a resource link placed in a course
 * ({@code LtiResourceLinkRequest}) or a teacher's content selection ({@code LtiDeepLinkingRequest}). Build one with
 * {@link #resourceLink} or {@link #deepLinking}.
 *
 * <p>Thread-safe: immutable record. The {@link Builder} is not thread-safe.
 *
 * @param messageType       the message type
 * @param clientId          the tool's client id
 * @param deploymentId      the deployment
 * @param user              the Learnloop user launching
 * @param roles             the user's LTI roles (full URIs, for example {@link LtiPlatform#ROLE_LEARNER})
 * @param contextId         the context (course section) the link sits in
 * @param contextTitle      the context's title, or null
 * @param resourceLinkId    the resource link id (resource link launches only, else null)
 * @param resourceLinkTitle the resource link's title, or null; also the label of its gradebook column
 * @param targetLinkUri     where the tool should land, or null for the tool's default
 * @param custom            the custom parameters (copied)
 * @param lesson            the Learnloop lesson (of kind {@code OTHER}) that a completed, fully graded score for the
 *                          link completes, or null
 * @param scoreMaximum      the maximum of the link's gradebook column, or 0 for a link with no column
 */
public record ToolLaunch(LtiMessageType messageType, String clientId, String deploymentId, UserId user,
                         List<String> roles, String contextId, String contextTitle, String resourceLinkId,
                         String resourceLinkTitle, String targetLinkUri, Map<String, String> custom, LessonId lesson,
                         double scoreMaximum) {
    /**
     * Validates every field at once and copies the collections.
     *
     * @param messageType       the message type
     * @param clientId          the client id
     * @param deploymentId      the deployment id
     * @param user              the user
     * @param roles             the roles
     * @param contextId         the context id
     * @param contextTitle      the context title
     * @param resourceLinkId    the resource link id
     * @param resourceLinkTitle the resource link title
     * @param targetLinkUri     the target link URI
     * @param custom            the custom parameters
     * @param lesson            the lesson
     * @param scoreMaximum      the column's maximum score
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public ToolLaunch {
        roles = roles == null ? List.of() : List.copyOf(roles);
        custom = custom == null ? Map.of() : Map.copyOf(custom);
        new Validator()
                .notNull("messageType", messageType)
                .notBlank("clientId", clientId, PlatformRegistration.MAX_LENGTH)
                .notBlank("deploymentId", deploymentId, PlatformRegistration.MAX_LENGTH)
                .notNull("user", user)
                .check(!roles.isEmpty(), "roles", "must name at least one LTI role")
                .notBlank("contextId", contextId, PlatformRegistration.MAX_LENGTH)
                .check(messageType != LtiMessageType.RESOURCE_LINK
                                || (resourceLinkId != null && !resourceLinkId.isBlank() && resourceLinkId.length() <= 255),
                        "resourceLinkId", "a resource link launch needs a resource link id of 1 to 255 characters")
                .check(targetLinkUri == null || PlatformRegistration.httpUrl(targetLinkUri), "targetLinkUri",
                        "must be an absolute http(s) URL, or null")
                .check(Double.isFinite(scoreMaximum) && scoreMaximum >= 0, "scoreMaximum",
                        "must be 0 (no gradebook column) or positive")
                .check(lesson == null || scoreMaximum > 0 || messageType == LtiMessageType.DEEP_LINKING, "lesson",
                        "a link that completes a lesson needs a gradebook column (scoreMaximum > 0) to receive scores")
                .throwIfInvalid();
    }

    /**
     * Starts a resource link launch.
     *
     * @param clientId       the tool's client id
     * @param deploymentId   the deployment
     * @param user           the signed-in user
     * @param contextId      the context the link sits in
     * @param resourceLinkId the link's id, stable across launches
     * @return a builder
     */
    public static Builder resourceLink(String clientId, String deploymentId, UserId user, String contextId,
                                       String resourceLinkId) {
        return new Builder(LtiMessageType.RESOURCE_LINK, clientId, deploymentId, user, contextId, resourceLinkId);
    }

    /**
     * Starts a Deep Linking launch: a teacher picks content at the tool for a context.
     *
     * @param clientId     the tool's client id
     * @param deploymentId the deployment
     * @param teacher      the signed-in teacher
     * @param contextId    the context the content is for
     * @return a builder
     */
    public static Builder deepLinking(String clientId, String deploymentId, UserId teacher, String contextId) {
        return new Builder(LtiMessageType.DEEP_LINKING, clientId, deploymentId, teacher, contextId, null)
                .roles(List.of(LtiPlatform.ROLE_INSTRUCTOR));
    }

    /**
     * Builds a {@link ToolLaunch}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final LtiMessageType messageType;
        private final String clientId;
        private final String deploymentId;
        private final UserId user;
        private final String contextId;
        private final String resourceLinkId;
        private List<String> roles = List.of(LtiPlatform.ROLE_LEARNER);
        private String contextTitle;
        private String resourceLinkTitle;
        private String targetLinkUri;
        private final Map<String, String> custom = new LinkedHashMap<>();
        private LessonId lesson;
        private double scoreMaximum;

        private Builder(LtiMessageType messageType, String clientId, String deploymentId, UserId user,
                        String contextId, String resourceLinkId) {
            this.messageType = messageType;
            this.clientId = clientId;
            this.deploymentId = deploymentId;
            this.user = user;
            this.contextId = contextId;
            this.resourceLinkId = resourceLinkId;
        }

        /**
         * Sets the user's roles (default: Learner for a resource link, Instructor for Deep Linking).
         *
         * @param value full role URIs
         * @return this builder
         */
        public Builder roles(List<String> value) {
            this.roles = Objects.requireNonNull(value, "roles");
            return this;
        }

        /**
         * Sets the context's title.
         *
         * @param value the title
         * @return this builder
         */
        public Builder contextTitle(String value) {
            this.contextTitle = value;
            return this;
        }

        /**
         * Sets the resource link's title.
         *
         * @param value the title
         * @return this builder
         */
        public Builder resourceLinkTitle(String value) {
            this.resourceLinkTitle = value;
            return this;
        }

        /**
         * Sets where the tool should land (default: the tool's registered target link URI).
         *
         * @param value an absolute http(s) URL
         * @return this builder
         */
        public Builder targetLinkUri(String value) {
            this.targetLinkUri = value;
            return this;
        }

        /**
         * Adds a custom parameter.
         *
         * @param name  the name
         * @param value the value
         * @return this builder
         */
        public Builder custom(String name, String value) {
            custom.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Gives the link a gradebook column, created on the first launch, whose completed, fully graded scores
         * complete a Learnloop lesson.
         *
         * @param scoreMaximum the column's maximum score, positive
         * @param completes    the lesson (of kind {@code OTHER}) a completed, fully graded score completes, or null
         * @return this builder
         */
        public Builder gradebookColumn(double scoreMaximum, LessonId completes) {
            this.scoreMaximum = scoreMaximum;
            this.lesson = completes;
            return this;
        }

        /**
         * For a Deep Linking launch: the Learnloop lesson (of kind {@code OTHER}) the picked content is placed in. The
         * gradebook columns the tool's response creates are bound to it, so a completed, fully graded score on any of
         * them completes the lesson.
         *
         * @param lesson the lesson, or null
         * @return this builder
         */
        public Builder placeIn(LessonId lesson) {
            this.lesson = lesson;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the launch
         * @throws io.learnloop.core.error.ValidationException naming each bad field
         */
        public ToolLaunch build() {
            return new ToolLaunch(messageType, clientId, deploymentId, user, roles, contextId, contextTitle,
                    resourceLinkId, resourceLinkTitle, targetLinkUri, custom, lesson, scoreMaximum);
        }
    }
}
