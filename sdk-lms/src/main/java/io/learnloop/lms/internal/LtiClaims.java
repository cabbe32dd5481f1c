package io.learnloop.lms.internal;

/**
 * The claim names and constants of LTI 1.3 core, Deep Linking 2.0, Assignment and Grade Services 2.0 and Names and
 * Role Provisioning Services 2.0 (imsglobal.org/spec/lti/v1p3, lti-dl/v2p0, lti-ags/v2p0, lti-nrps/v2p0).
 *
 * <p>Thread-safe: constants.
 */
final class LtiClaims {
    static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String MESSAGE_TYPE = LTI + "message_type";
    static final String VERSION = LTI + "version";
    static final String DEPLOYMENT_ID = LTI + "deployment_id";
    static final String TARGET_LINK_URI = LTI + "target_link_uri";
    static final String RESOURCE_LINK = LTI + "resource_link";
    static final String ROLES = LTI + "roles";
    static final String CONTEXT = LTI + "context";
    static final String CUSTOM = LTI + "custom";
    static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
    static final String DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    static final String DL_CONTENT_ITEMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    static final String DL_DATA = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
    static final String DL_MSG = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";
    static final String LTI_VERSION = "1.3.0";
    static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";

    static final String NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
    static final String NRPS_MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    static final String SCORE_MEDIA_TYPE = "application/vnd.ims.lis.v1.score+json";
    static final String LINE_ITEM_MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    static final String LINE_ITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

    /** The custom parameters a placed link carries to name what it opens. */
    static final String CUSTOM_COURSE = "learnloop_course";
    static final String CUSTOM_LESSON = "learnloop_lesson";

    private LtiClaims() {
    }
}
