package io.learnloop.core.internal.reputation;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.CertificateVerifier;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.credential.OpenBadgeClaims;
import io.learnloop.core.reputation.Achievement;
import io.learnloop.core.reputation.Badge;
import io.learnloop.core.reputation.BadgeId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Signs badges with the certificate issuer and key, and verifies them with the certificate verifier: a badge is an
 * Open Badges 3.0 credential like a certificate, only about another achievement.
 *
 * <p>Thread-safe: immutable.
 */
final class BadgeSigner {
    private final CertificatePolicy policy;
    private final SigningKey key;
    private final CertificateVerifier verifier;

    BadgeSigner(ServiceContext context, CertificatePolicy policy, SigningKey key) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.key = Objects.requireNonNull(key, "key");
        this.verifier = CertificateVerifier.builder().issuer(policy.issuer().id()).key(key.kid(), key.publicKey())
                .clock(context.clock())
                .revocations(credentialId -> context.read(uow -> uow.findUnique(ReputationTypes.BADGE,
                        ReputationTypes.CREDENTIAL, credentialId))
                        .map(v -> v.value().status() == CertificateStatus.REVOKED).orElse(false))
                .build();
    }

    /**
     * The credential id of a badge: {@code urn:uuid:} and the id when it is a UUID, else {@code urn:learnloop:badge:}
     * and the id.
     *
     * @param id the badge
     * @return the URI
     */
    static String credentialId(BadgeId id) {
        boolean uuid = id.value().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        return (uuid ? "urn:uuid:" : "urn:learnloop:badge:") + id.value();
    }

    Badge sign(BadgeId id, UserId learner, Achievement achievement, Instant now) {
        String credentialId = credentialId(id);
        Instant validFrom = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> claims = OpenBadgeClaims.claims(policy, credentialId, learner,
                OpenBadgeClaims.achievementId(policy, "community/" + achievement.key()), achievement.name(),
                achievement.description(), achievement.criteria(), validFrom, null);
        return new Badge(id, learner, achievement.key(), achievement.name(), credentialId, key.kid(), key.algorithm(),
                validFrom, key.signJwt(claims), CertificateStatus.ACTIVE, null, null);
    }

    VerificationResult verify(String jwt) {
        return verifier.verify(jwt);
    }
}
