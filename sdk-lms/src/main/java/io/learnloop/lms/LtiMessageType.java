package io.learnloop.lms;

/**
 * The LTI messages this tool accepts, by their {@code https://purl.imsglobal.org/spec/lti/claim/message_type} value.
 *
 * <p>Thread-safe: an enum.
 */
public enum LtiMessageType {
    /** {@code LtiResourceLinkRequest}: a learner (or teacher) opens a course or lesson placed in the LMS. */
    RESOURCE_LINK("LtiResourceLinkRequest"),
    /** {@code LtiDeepLinkingRequest}: a teacher picks courses or lessons to place in the LMS. */
    DEEP_LINKING("LtiDeepLinkingRequest");

    private final String claim;

    LtiMessageType(String claim) {
        this.claim = claim;
    }

    /**
     * The value of the message type claim.
     *
     * @return for example {@code LtiResourceLinkRequest}
     */
    public String claim() {
        return claim;
    }

    /**
     * The message type with a claim value.
     *
     * @param claim the claim value
     * @return the type, or null when the tool does not accept it
     */
    public static LtiMessageType ofClaim(String claim) {
        for (LtiMessageType t : values()) {
            if (t.claim.equals(claim)) {
                return t;
            }
        }
        return null;
    }
}
