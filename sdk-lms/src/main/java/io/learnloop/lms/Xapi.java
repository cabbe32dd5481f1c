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

    /**
     * The xAPI section of every learner's export ({@code lrs-statements}), for
     * {@code Learnloop.Builder.personalDataSource}: each statement about the learner still in the queue (waiting,
     * sent and not yet pruned, refused), with its LRS and status, read through the learner index a page at a time.
     *
     * @param config the publisher's configuration (it names the learner's xAPI account)
     * @return a thread-safe section
     */
    public static io.learnloop.core.privacy.PersonalDataSource personalDataSource(XapiConfig config) {
        return new io.learnloop.lms.internal.XapiSection(java.util.Objects.requireNonNull(config, "config"));
    }

    /**
     * The xAPI step of every learner's erasure, for {@code Learnloop.Builder.personalDataEraser}. xAPI 1.0.3 has no
     * delete, so: each statement about the learner that an LRS holds or may hold (sent, or queued) is voided by a
     * statement with the verb {@value XapiVocabulary#VOIDED} whose actor is the platform's own account (one per
     * voided statement, with an id derived from it, so a repeat sends the same one); the queue rows about the
     * learner are deleted, so none is sent later and none names them; and each LRS configured with an
     * {@link LrsPurge} is asked to delete the learner's account. An LRS that does not answer fails the step with
     * {@link XapiException} ({@code LRS_UNAVAILABLE}); the voiding statements stay queued, and asking for the
     * erasure again finishes it.
     *
     * @param config the publisher's configuration
     * @return a thread-safe step
     */
    public static io.learnloop.core.privacy.PersonalDataEraser personalDataEraser(XapiConfig config) {
        return new io.learnloop.lms.internal.XapiErasure(java.util.Objects.requireNonNull(config, "config"));
    }
}
