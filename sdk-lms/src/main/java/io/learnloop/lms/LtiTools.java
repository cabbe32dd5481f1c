package io.learnloop.lms;

import io.learnloop.core.Learnloop;
import io.learnloop.lms.internal.DefaultLtiTool;

/**
 * Builds the LTI 1.3 tool.
 *
 * <p>Thread-safe: static functions only.
 */
public final class LtiTools {
    private LtiTools() {
    }

    /**
     * The LTI tool of one Learnloop facade: registrations, login states and learner mappings in the facade's store
     * and tenant, access decided by its access ledger, calls to platforms through the configured shared HTTP client.
     *
     * @param learnloop the facade
     * @param config    the configuration
     * @return a thread-safe tool
     */
    public static LtiTool tool(Learnloop learnloop, LtiToolConfig config) {
        return new DefaultLtiTool(learnloop, config);
    }

    /**
     * The LTI tool's step of every learner's erasure, to register with
     * {@code Learnloop.Builder.personalDataEraser}: the platform's user id of the learner is removed from grade links
     * and score deliveries, the link between it and the learner is deleted, and seats name the erasure's pseudonym.
     *
     * @return the step; stateless and thread-safe
     */
    public static io.learnloop.core.privacy.PersonalDataEraser personalDataEraser() {
        return new io.learnloop.lms.internal.LmsErasure();
    }

    /**
     * The LTI tool's sections of every learner's export, to register each with
     * {@code Learnloop.Builder.personalDataSource}: {@code lti-users} (the platform accounts linked to the learner),
     * {@code lti-launches} (the placed links the learner launched, with the gradebook column and last result),
     * {@code lti-scores} (scores posted or to post to those columns) and {@code lti-seats} (licence seats taken).
     * Each is read through an index keyed by the learner.
     *
     * @return the sections; stateless and thread-safe
     */
    public static java.util.List<io.learnloop.core.privacy.PersonalDataSource> personalDataSources() {
        return io.learnloop.lms.internal.LtiSections.all();
    }
}
