package io.learnloop.core.credential;

/**
 * Answers whether the issuer has revoked a credential, for {@link CertificateVerifier}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RevocationCheck {
    /** A check for verifiers that do not consult a revocation list. */
    RevocationCheck NONE = credentialId -> false;

    /**
     * Whether the credential is revoked.
     *
     * @param credentialId the credential's {@code id}, for example {@code urn:uuid:...}
     * @return true if revoked
     */
    boolean isRevoked(String credentialId);
}
