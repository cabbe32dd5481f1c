package io.learnloop.core.access;

/**
 * Why a grant was revoked.
 *
 * <p>Thread-safe: an enum.
 */
public enum RevocationReason {
    /** The order line that paid for it was refunded. */
    REFUND,
    /** The payment was charged back. */
    CHARGEBACK,
    /** An admin revoked it. */
    MANUAL
}
