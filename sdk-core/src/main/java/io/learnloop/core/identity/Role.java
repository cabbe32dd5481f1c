package io.learnloop.core.identity;

/**
 * What a user may do. A user may hold several roles.
 *
 * <p>Thread-safe: an enum.
 */
public enum Role {
    /** Buys and takes courses. */
    LEARNER,
    /** Writes courses and earns a share of their revenue. */
    CREATOR,
    /** Approves or sends back courses submitted for review. */
    REVIEWER,
    /** Moderates reviews and the community. */
    MODERATOR,
    /**
     * Handles money for the platform: refunds any order, resolves refunds listed for review, confirms payments taken
     * outside a provider (a bank transfer) and reads every balance and statement.
     */
    FINANCE,
    /** Reads the audit log and records the host's own audited actions; nothing else. */
    AUDITOR,
    /** May do everything in the tenant. */
    ADMIN
}
