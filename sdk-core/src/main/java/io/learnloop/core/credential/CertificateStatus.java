package io.learnloop.core.credential;

/**
 * Whether a certificate stands.
 *
 * <p>Thread-safe: an enum.
 */
public enum CertificateStatus {
    /** Issued and not revoked. */
    ACTIVE,
    /** Revoked by the issuer (for example after a refund); verification reports it as revoked. */
    REVOKED
}
