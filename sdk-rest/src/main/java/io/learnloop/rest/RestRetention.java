package io.learnloop.rest;

import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.rest.internal.IdempotencyPruner;

/**
 * The HTTP API's contribution to the facade's retention job.
 *
 * <p>Thread-safe: stateless.
 */
public final class RestRetention {
    private RestRetention() {
    }

    /**
     * The pruner of stored responses of {@code Idempotency-Key} headers, for
     * {@code Learnloop.Builder.retentionPruner}: they are deleted once older than the retention of
     * {@link io.learnloop.core.retention.DataClasses#REST_IDEMPOTENCY} (7 days by default). A client that repeats a
     * POST after that gets the operation's result again, not a replay of the stored response.
     *
     * @return a thread-safe pruner
     */
    public static RetentionPruner idempotencyPruner() {
        return new IdempotencyPruner();
    }
}
