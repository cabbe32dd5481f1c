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

    /**
     * The pruner of statements the LRSs of {@code config} accepted, for {@code Learnloop.Builder.retentionPruner}:
     * their queue rows are deleted once older than the retention of
     * {@link io.learnloop.core.retention.DataClasses#XAPI_SENT} (30 days by default). Rejected and conflicting
     * statements are kept.
     *
     * @param config the publisher's configuration
     * @return a thread-safe pruner
     */
    public static io.learnloop.core.retention.RetentionPruner retentionPruner(XapiConfig config) {
        return new io.learnloop.lms.internal.SentStatementPruner(config.lrs().stream().map(LrsEndpoint::id).toList());
    }
}
