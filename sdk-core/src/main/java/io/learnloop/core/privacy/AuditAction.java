package io.learnloop.core.privacy;

/**
 * What an audit entry says was done.
 *
 * <p>Thread-safe: an enum.
 */
public enum AuditAction {
    /** A learner's personal data was exported. */
    EXPORTED,
    /** A learner's personal data was erased. */
    ERASED,
    /** An order was refunded by the money desk. */
    REFUNDED,
    /** Access was granted by hand. */
    GRANTED,
    /** Access was revoked by hand (a charge-back). */
    REVOKED,
    /** A user's roles were changed (roles live in the host, which records the change). */
    ROLES_CHANGED,
    /** A learner's consent decision was recorded. */
    CONSENT_RECORDED,
    /** An instructor set a practice grade by hand (an override, or a new grade on appeal). */
    GRADE_CHANGED
}
