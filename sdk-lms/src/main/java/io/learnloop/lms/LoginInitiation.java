package io.learnloop.lms;

/**
 * A third-party-initiated login, as the platform sends it to the tool's login URL (by GET query or form POST): the
 * first step of every LTI 1.3 launch. The host copies the request parameters into this record and passes it to
 * {@link LtiTool#initiateLogin}; missing optional parameters are null.
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves out the hints, which some platforms fill with
 * session data.
 *
 * @param iss             the platform's issuer (required)
 * @param loginHint       the platform's opaque user hint, {@code login_hint} (required, passed back unchanged)
 * @param targetLinkUri   where the launch should end, {@code target_link_uri} (required)
 * @param ltiMessageHint  the platform's opaque message hint, {@code lti_message_hint}, or null
 * @param clientId        the tool's client id, {@code client_id}, or null when the platform registered the tool once
 * @param deploymentId    the deployment, {@code lti_deployment_id}, or null
 */
public record LoginInitiation(String iss, String loginHint, String targetLinkUri, String ltiMessageHint,
                              String clientId, String deploymentId) {

    /**
     * Reads the parameters of the login request by their LTI names ({@code iss}, {@code login_hint},
     * {@code target_link_uri}, {@code lti_message_hint}, {@code client_id}, {@code lti_deployment_id}).
     *
     * @param parameters the query or form parameters, one value each
     * @return the initiation
     */
    public static LoginInitiation fromParameters(java.util.Map<String, String> parameters) {
        return new LoginInitiation(parameters.get("iss"), parameters.get("login_hint"),
                parameters.get("target_link_uri"), parameters.get("lti_message_hint"), parameters.get("client_id"),
                parameters.get("lti_deployment_id"));
    }

    @Override
    public String toString() {
        return "LoginInitiation[iss=" + iss + ", targetLinkUri=" + targetLinkUri + ", clientId=" + clientId
                + ", deploymentId=" + deploymentId + "]";
    }
}
