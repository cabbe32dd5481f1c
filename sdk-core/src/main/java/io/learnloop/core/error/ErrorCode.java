package io.learnloop.core.error;

/**
 * Stable, machine-readable error codes. A code never changes meaning once released; hosts may switch on it.
 *
 * <p>Thread-safe: an enum.
 */
public enum ErrorCode {
    /** One or more inputs were invalid; see {@link ValidationException#violations()}. */
    VALIDATION_FAILED,
    /** The addressed entity does not exist in this tenant. */
    NOT_FOUND,
    /** The entity changed since it was read; reload and retry. */
    VERSION_CONFLICT,
    /** A unique key (idempotency key, natural key) is already taken. */
    DUPLICATE_KEY,
    /** The operation is not allowed in the entity's current state. */
    INVALID_STATE,
    /** Declared prerequisites would form a cycle; see {@code io.learnloop.core.path.PrerequisiteCycleException}. */
    PREREQUISITE_CYCLE,
    /** The caller lacks the role or entitlement the operation needs. */
    FORBIDDEN,
    /** Arithmetic across two different currencies. */
    CURRENCY_MISMATCH,
    /** A money amount left the range of a signed 64-bit count of minor units. */
    ARITHMETIC_OVERFLOW,
    /** A remote peer (payment provider, community backend) failed or could not be reached. */
    REMOTE_FAILURE,
    /** A remote peer asked us to slow down. */
    RATE_LIMITED,
    /** A signature, token or notification could not be verified. */
    VERIFICATION_FAILED,
    /** The store could not be used (connection, schema version, configuration). */
    STORE_UNAVAILABLE,
    /** Writing to an output the host gave (an export's stream) failed. */
    OUTPUT_FAILED,
    /** The SDK was configured inconsistently. */
    CONFIGURATION,
    /** A bug inside the SDK; please report it. */
    INTERNAL,
    /** A learner's erasure cannot start yet: something (a refund in flight) must finish first. */
    ERASURE_BLOCKED,
    /** A learner's erasure is under way; their data cannot be exported meanwhile. */
    ERASURE_IN_PROGRESS
}
