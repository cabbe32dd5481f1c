package io.learnloop.lms.internal.cmi5;

import java.util.Set;

/**
 * The cmi5 identifiers (cmi5 sections 9.3, 9.6, 10): verbs, categories, context extensions and activity types.
 *
 * <p>Thread-safe: constants.
 */
final class Cmi5Vocabulary {
    static final String LAUNCHED = "http://adlnet.gov/expapi/verbs/launched";
    static final String INITIALIZED = "http://adlnet.gov/expapi/verbs/initialized";
    static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    static final String PASSED = "http://adlnet.gov/expapi/verbs/passed";
    static final String FAILED = "http://adlnet.gov/expapi/verbs/failed";
    static final String TERMINATED = "http://adlnet.gov/expapi/verbs/terminated";
    static final String ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned";
    static final String WAIVED = "https://w3id.org/xapi/adl/verbs/waived";
    static final String SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied";
    static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";
    /** What an AU may send as a cmi5 defined statement. */
    static final Set<String> AU_VERBS = Set.of(INITIALIZED, COMPLETED, PASSED, FAILED, TERMINATED);
    /** What only the LMS records. */
    static final Set<String> LMS_VERBS = Set.of(LAUNCHED, ABANDONED, WAIVED, SATISFIED);

    static final String CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    static final String CATEGORY_MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
    static final String SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
    static final String MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
    static final String LAUNCH_MODE = "https://w3id.org/xapi/cmi5/context/extensions/launchmode";
    static final String LAUNCH_URL = "https://w3id.org/xapi/cmi5/context/extensions/launchurl";
    static final String MOVE_ON = "https://w3id.org/xapi/cmi5/context/extensions/moveon";
    static final String LAUNCH_PARAMETERS = "https://w3id.org/xapi/cmi5/context/extensions/launchparameters";
    static final String TYPE_BLOCK = "https://w3id.org/xapi/cmi5/activitytype/block";
    static final String TYPE_COURSE = "https://w3id.org/xapi/cmi5/activitytype/course";

    static final String LAUNCH_DATA = "LMS.LaunchData";
    static final String LEARNER_PREFERENCES = "cmi5LearnerPreferences";

    private Cmi5Vocabulary() {
    }

    /** The verb's last path segment, capitalised, for its display. */
    static String display(String verb) {
        String name = verb.substring(verb.lastIndexOf('/') + 1);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
