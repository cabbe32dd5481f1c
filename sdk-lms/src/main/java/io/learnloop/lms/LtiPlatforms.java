package io.learnloop.lms;

import io.learnloop.core.Learnloop;
import io.learnloop.lms.internal.DefaultLtiPlatform;

/**
 * Builds Learnloop's LTI 1.3 platform.
 *
 * <p>Thread-safe: static functions only.
 */
public final class LtiPlatforms {
    private LtiPlatforms() {
    }

    /**
     * The LTI platform of one Learnloop facade: tools, launches, tokens, line items and results in the facade's store
     * and tenant, scores written into its learning records, tools' keys fetched through the configured shared HTTP
     * client.
     *
     * @param learnloop the facade
     * @param config    the configuration
     * @return a thread-safe platform
     */
    public static LtiPlatform platform(Learnloop learnloop, LtiPlatformConfig config) {
        return new DefaultLtiPlatform(learnloop, config);
    }

    /**
     * The LTI platform's step of every learner's erasure, to register with
     * {@code Learnloop.Builder.personalDataEraser}: results the tools posted for the learner lose their user id and
     * comment and name the erasure's pseudonym, the learner's pending launches are deleted, and so is the pseudonym
     * the tools knew the learner by.
     *
     * @return the step; stateless and thread-safe
     */
    public static io.learnloop.core.privacy.PersonalDataEraser personalDataEraser() {
        return new io.learnloop.lms.internal.PlatformPersonalData();
    }

    /**
     * The LTI platform's sections of every learner's export, to register each with
     * {@code Learnloop.Builder.personalDataSource}: {@code lti-platform-subjects} (the pseudonym each tool knows the
     * learner by) and {@code lti-platform-results} (the latest score each tool posted for the learner per column).
     *
     * @return the sections; stateless and thread-safe
     */
    public static java.util.List<io.learnloop.core.privacy.PersonalDataSource> personalDataSources() {
        return io.learnloop.lms.internal.PlatformPersonalData.sections();
    }
}
