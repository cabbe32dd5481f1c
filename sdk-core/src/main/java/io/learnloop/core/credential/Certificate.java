package io.learnloop.core.credential;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * An issued certificate, as stored: the signed Open Badges 3.0 credential and its standing.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id               the certificate
 * @param learner          the learner it was issued to
 * @param courseId         the course completed
 * @param credentialId     the credential's {@code id} and the token's {@code jti}
 * @param kid              the key it was signed with
 * @param algorithm        the signing algorithm
 * @param validFrom        the start of validity (the issue time, to the second)
 * @param validUntil       the end of validity, or null when open-ended
 * @param jwt              the compact VC-JWT
 * @param status           whether it stands
 * @param revokedAt        when revoked, or null
 * @param revocationReason why revoked, or null
 */
public record Certificate(CertificateId id, UserId learner, CourseId courseId, String credentialId, String kid,
                          SigningAlgorithm algorithm, Instant validFrom, Instant validUntil, String jwt,
                          CertificateStatus status, Instant revokedAt, String revocationReason) {
    /**
     * A copy marked revoked.
     *
     * @param at     when
     * @param reason why
     * @return the copy
     */
    public Certificate revoked(Instant at, String reason) {
        return new Certificate(id, learner, courseId, credentialId, kid, algorithm, validFrom, validUntil, jwt,
                CertificateStatus.REVOKED, at, reason);
    }

    @Override
    public String toString() {
        return "Certificate[" + id + ", learner=" + learner + ", course=" + courseId + ", " + status + "]";
    }
}
