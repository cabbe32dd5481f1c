package io.learnloop.core.reputation;

import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.SigningAlgorithm;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * An Open Badges 3.0 {@code OpenBadgeCredential} issued for an {@link Achievement}, signed as a VC-JWT with the
 * host's certificate key and verifiable offline like a certificate.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id               the badge
 * @param learner          who holds it
 * @param achievement      the achievement's key
 * @param achievementName  the achievement's name
 * @param credentialId     the credential's {@code id} ({@code jti})
 * @param kid              the signing key's id
 * @param algorithm        the signature algorithm
 * @param issuedAt         the credential's {@code validFrom}, whole seconds
 * @param jwt              the signed credential
 * @param status           active or revoked
 * @param revokedAt        when revoked, or null
 * @param revocationReason why, or null
 */
public record Badge(BadgeId id, UserId learner, String achievement, String achievementName, String credentialId,
                    String kid, SigningAlgorithm algorithm, Instant issuedAt, String jwt, CertificateStatus status,
                    Instant revokedAt, String revocationReason) {
    /**
     * The same badge, revoked.
     *
     * @param at     when
     * @param reason why
     * @return the revoked badge
     */
    public Badge revoked(Instant at, String reason) {
        return new Badge(id, learner, achievement, achievementName, credentialId, kid, algorithm, issuedAt, jwt,
                CertificateStatus.REVOKED, at, reason);
    }
}
