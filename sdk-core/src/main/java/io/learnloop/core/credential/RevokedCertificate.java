package io.learnloop.core.credential;

import java.time.Instant;

/**
 * One entry of the revocation list.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param certificateId the certificate
 * @param credentialId  the credential's {@code id}
 * @param revokedAt     when
 * @param reason        why
 */
public record RevokedCertificate(CertificateId certificateId, String credentialId, Instant revokedAt, String reason) {
}
