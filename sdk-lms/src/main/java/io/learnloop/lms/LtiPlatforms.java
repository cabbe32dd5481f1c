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
}
