package io.learnloop.lms;

import io.learnloop.core.Learnloop;
import io.learnloop.lms.internal.DefaultXapiPublisher;

/**
 * Builds the xAPI statement publisher.
 *
 * <p>Thread-safe: static functions only.
 */
public final class Xapi {
    private Xapi() {
    }

    /**
     * The xAPI publisher of one Learnloop facade: statement queues in the facade's store and tenant, calls to the
     * learning record stores through the configured shared HTTP client.
     *
     * @param learnloop the facade
     * @param config    the configuration
     * @return a thread-safe publisher; register its {@link XapiPublisher#outboxListener()} on the facade
     */
    public static XapiPublisher publisher(Learnloop learnloop, XapiConfig config) {
        return new DefaultXapiPublisher(learnloop, config);
    }
}
